package io.sysmon.examples.dashboard;

import io.sysmon.examples.rules.TimestreamWrite;
import io.sysmon.examples.store.TimeSeriesStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the real {@link TimeSeriesStore} for the dashboard's tests, the way the shipped Timestream rule writes it:
 * one message's measures at one time, with the {@code device_id} dimension; a {@link Double} is a DOUBLE record,
 * any other number a BIGINT.
 */
final class StoreRecords {

    private StoreRecords() {
    }

    /**
     * @param store the store
     * @param device the device_id
     * @param time the records' time, to the millisecond
     * @param measures measure names to values, in order
     */
    static void write(TimeSeriesStore store, String device, Instant time, Map<String, ? extends Number> measures) {
        List<TimestreamWrite.Record> records = new ArrayList<>(measures.size());
        measures.forEach((measure, value) -> records.add(new TimestreamWrite.Record(
                List.of(new TimestreamWrite.Dimension("device_id", device)), measure, String.valueOf(value),
                value instanceof Double ? "DOUBLE" : "BIGINT", Long.toString(time.toEpochMilli()), "MILLISECONDS")));
        store.write(new TimestreamWrite("aws_iot_demo", "aws_iot_demo", records));
    }
}
