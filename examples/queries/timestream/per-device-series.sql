-- One time series per device for one measure over the past hour, as Grafana's Timestream panels draw it.
-- Change 'cpu_usage' to any measure the rule writes: cpu_usage, cpu_freq, cpu_temp, ram_usage, ram_total,
-- ram_percent, fan_speed. Whole numbers (bytes, rpm) arrive as BIGINT and decimals as DOUBLE, so the value is
-- read from whichever column holds it.
SELECT device_id,
       CREATE_TIME_SERIES(time, COALESCE(measure_value::double, CAST(measure_value::bigint AS double))) AS cpu_usage
FROM "aws_iot_demo"."aws_iot_demo"
WHERE time > ago(1h)
  AND measure_name = 'cpu_usage'
GROUP BY device_id
ORDER BY device_id
