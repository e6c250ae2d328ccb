-- Per device and hour of the past 7 days: how many reports arrived, and the average (temperature: the
-- highest) of each metric. Absent sensors are NULL and left out of the averages.
SELECT device_id,
       date_trunc('hour', from_unixtime("timestamp")) AS hour,
       count(*) AS reports,
       round(avg(cpu_usage), 1) AS avg_cpu_usage,
       round(max(cpu_temp), 1) AS max_cpu_temp,
       round(avg(cpu_freq)) AS avg_cpu_freq,
       round(avg(100.0 * ram_usage / ram_total), 1) AS avg_ram_percent,
       round(avg(fan_speed)) AS avg_fan_speed
FROM aws_iot_demo.device_metrics
WHERE "date" >= date_format(current_date - INTERVAL '7' DAY, '%Y-%m-%d')
GROUP BY device_id, date_trunc('hour', from_unixtime("timestamp"))
ORDER BY device_id, hour DESC
