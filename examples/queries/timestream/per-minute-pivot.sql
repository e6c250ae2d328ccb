-- One row per device and minute with every metric as a column (the shape a spreadsheet or a BI tool wants),
-- averaged over the minute, for the past 3 hours. An absent sensor (no fan, no temperature) gives NULL, not 0.
-- Timestream stores a whole number (bytes, and a value the device sent without decimals) as BIGINT and a
-- decimal as DOUBLE, so each value is read from whichever column holds it.
SELECT device_id,
       BIN(time, 1m) AS minute,
       AVG(CASE WHEN measure_name = 'cpu_usage'
                THEN COALESCE(measure_value::double, CAST(measure_value::bigint AS double)) END) AS cpu_usage,
       AVG(CASE WHEN measure_name = 'cpu_freq'
                THEN COALESCE(measure_value::double, CAST(measure_value::bigint AS double)) END) AS cpu_freq,
       AVG(CASE WHEN measure_name = 'cpu_temp'
                THEN COALESCE(measure_value::double, CAST(measure_value::bigint AS double)) END) AS cpu_temp,
       AVG(CASE WHEN measure_name = 'ram_percent'
                THEN COALESCE(measure_value::double, CAST(measure_value::bigint AS double)) END) AS ram_percent,
       MAX(CASE WHEN measure_name = 'ram_usage'
                THEN COALESCE(measure_value::bigint, CAST(measure_value::double AS bigint)) END) AS ram_usage,
       MAX(CASE WHEN measure_name = 'ram_total'
                THEN COALESCE(measure_value::bigint, CAST(measure_value::double AS bigint)) END) AS ram_total,
       AVG(CASE WHEN measure_name = 'fan_speed'
                THEN COALESCE(measure_value::double, CAST(measure_value::bigint AS double)) END) AS fan_speed
FROM "aws_iot_demo"."aws_iot_demo"
WHERE time > ago(3h)
GROUP BY device_id, BIN(time, 1m)
ORDER BY device_id, minute DESC
