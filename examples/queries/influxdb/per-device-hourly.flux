// Per device and hour of the past 7 days: the average of each metric, one row per device and hour.
from(bucket: "aws_iot_demo")
  |> range(start: -7d)
  |> filter(fn: (r) => r._measurement == "aws_iot_demo")
  |> filter(fn: (r) => r._field == "cpu_usage" or r._field == "cpu_temp" or r._field == "cpu_freq"
      or r._field == "ram_percent" or r._field == "fan_speed")
  |> aggregateWindow(every: 1h, fn: mean, createEmpty: false)
  |> group(columns: ["device_id"])
  |> pivot(rowKey: ["_time", "device_id"], columnKey: ["_field"], valueColumn: "_value")
  |> keep(columns: ["_time", "device_id", "cpu_usage", "cpu_temp", "cpu_freq", "ram_percent", "fan_speed"])
  |> sort(columns: ["device_id", "_time"])
