/**
 * The local time-series store: {@link io.sysmon.examples.store.MetricsQuery} is what dashboards read,
 * {@link io.sysmon.examples.store.TimeSeriesStore} the local stand-in for Amazon Timestream that the rules'
 * {@code timestream} action writes to. {@link io.sysmon.examples.store.DataDirectory} and
 * {@link io.sysmon.examples.store.AtomicFiles} are the file-system helpers the rest of the local cloud (and
 * {@code sysmon provision}) share.
 *
 * <p>Files: {@code <dataDir>/timestream/<database>/<table>/<yyyy-MM-dd>.jsonl}, one per UTC day of the records'
 * time, appended to and never rewritten. Each line is one record in the shape of Timestream's {@code WriteRecords}
 * record, with snake_case names:
 *
 * <pre>{@code
 * {"time":1714564800,"time_unit":"SECONDS","dimensions":{"device_id":"my_iot_device_1"},"measure_name":"cpu_usage","measure_value_type":"DOUBLE","measure_value":"17.3"}
 * }</pre>
 *
 * <p>{@code time} is a whole number of {@code time_unit} since the epoch (the device's own timestamp for the shipped
 * rule); {@code measure_value_type} is DOUBLE, BIGINT, BOOLEAN or VARCHAR and {@code measure_value} the value as
 * text, as in Timestream's API.
 */
package io.sysmon.examples.store;
