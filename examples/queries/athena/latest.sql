-- The 20 most recent reports of the past day, newest first (the Athena counterpart of the tutorial's Timestream
-- query). The "date" condition limits the scan to the partitions of the last two days, which keeps it cheap.
SELECT device_id,
       from_unixtime("timestamp") AS device_time,
       cpu_usage,
       cpu_freq,
       cpu_temp,
       round(100.0 * ram_usage / ram_total, 1) AS ram_percent,
       fan_speed
FROM aws_iot_demo.device_metrics
WHERE "date" >= date_format(current_date - INTERVAL '1' DAY, '%Y-%m-%d')
  AND from_unixtime("timestamp") > current_timestamp - INTERVAL '1' DAY
ORDER BY "timestamp" DESC
LIMIT 20
