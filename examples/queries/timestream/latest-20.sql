-- The tutorial's first query: the 20 most recent records of the past 15 minutes.
-- Each shadow update becomes one record per measure (cpu_usage, cpu_temp, ...), so 20 records cover
-- about three updates. Widen ago(15m) if the devices are not sending right now.
SELECT *
FROM "aws_iot_demo"."aws_iot_demo"
WHERE time BETWEEN ago(15m) AND now()
ORDER BY time DESC
LIMIT 20
