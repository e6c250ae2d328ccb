-- The Athena table over the objects the shadow-to-s3 rule writes, s3://BUCKET/device_id=THING/date=YYYY-MM-DD/*.json:
-- the same table the CloudFormation stack creates in Glue (aws_iot_demo.device_metrics), for use without the stack.
-- Replace sysmon-metrics-123456789012 with your bucket, and list your things in projection.device_id.values.
--
-- Partition projection computes the partitions from these properties, so new days need no crawler and no
-- MSCK REPAIR TABLE; a new device needs its name added to projection.device_id.values (ALTER TABLE ... SET
-- TBLPROPERTIES). Without projection (delete the projection.* and storage.location.template properties), run
-- MSCK REPAIR TABLE aws_iot_demo.device_metrics; after each new day and device instead.
-- device_id is also a key in each JSON object; as a partition column it is not declared again below.
CREATE DATABASE IF NOT EXISTS aws_iot_demo;

CREATE EXTERNAL TABLE IF NOT EXISTS aws_iot_demo.device_metrics (
  `timestamp` bigint COMMENT 'the device''s own time, epoch seconds',
  cpu_usage double COMMENT 'CPU use, % of all cores',
  cpu_freq double COMMENT 'CPU frequency, MHz',
  cpu_temp double COMMENT 'CPU temperature, °C (absent without a sensor)',
  ram_usage bigint COMMENT 'RAM in use, bytes',
  ram_total bigint COMMENT 'RAM installed, bytes',
  fan_speed double COMMENT 'fan speed, rpm (absent without a fan)'
)
PARTITIONED BY (
  device_id string COMMENT 'the thing name, from the topic',
  `date` string COMMENT 'UTC day the rule received it, yyyy-MM-dd'
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://sysmon-metrics-123456789012/'
TBLPROPERTIES (
  'classification' = 'json',
  'projection.enabled' = 'true',
  'projection.device_id.type' = 'enum',
  'projection.device_id.values' = 'my_iot_device_1,my_iot_device_2,my_iot_device_3',
  'projection.date.type' = 'date',
  'projection.date.format' = 'yyyy-MM-dd',
  'projection.date.range' = '2024-01-01,NOW',
  'projection.date.interval' = '1',
  'projection.date.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://sysmon-metrics-123456789012/device_id=${device_id}/date=${date}/'
);
