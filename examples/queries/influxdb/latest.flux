// The most recent value of every metric per device, from the past 15 minutes (InfluxDB v2, Flux; the
// shadow-to-influxdb rule writes measurement aws_iot_demo in bucket aws_iot_demo, tag device_id).
// influx query --file examples/queries/influxdb/latest.flux
from(bucket: "aws_iot_demo")
  |> range(start: -15m)
  |> filter(fn: (r) => r._measurement == "aws_iot_demo")
  |> last()
  |> group(columns: ["device_id"])
  |> pivot(rowKey: ["device_id"], columnKey: ["_field"], valueColumn: "_value")
  |> keep(columns: ["device_id", "cpu_usage", "cpu_freq", "cpu_temp", "ram_percent", "ram_usage", "ram_total",
      "fan_speed"])
