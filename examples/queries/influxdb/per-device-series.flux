// One series per device for one metric over the past hour, averaged per minute (what the Grafana panels
// draw). Change "cpu_usage" to any field: cpu_usage, cpu_freq, cpu_temp, ram_usage, ram_total, ram_percent,
// fan_speed.
from(bucket: "aws_iot_demo")
  |> range(start: -1h)
  |> filter(fn: (r) => r._measurement == "aws_iot_demo" and r._field == "cpu_usage")
  |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)
  |> keep(columns: ["_time", "_value", "device_id"])
