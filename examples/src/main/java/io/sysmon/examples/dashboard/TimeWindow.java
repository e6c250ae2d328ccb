package io.sysmon.examples.dashboard;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The time windows the page offers, and the API accepts. */
enum TimeWindow {
    MINUTES_5("5m", Duration.ofMinutes(5)),
    MINUTES_15("15m", Duration.ofMinutes(15)),
    HOUR_1("1h", Duration.ofHours(1)),
    HOURS_6("6h", Duration.ofHours(6)),
    HOURS_24("24h", Duration.ofHours(24)),
    DAYS_7("7d", Duration.ofDays(7));

    /** The names, for error messages. */
    static final String NAMES = String.join(", ", Arrays.stream(values()).map(w -> w.text).toArray(String[]::new));

    final String text;
    final Duration length;

    TimeWindow(String text, Duration length) {
        this.text = text;
        this.length = length;
    }

    static Optional<TimeWindow> parse(String text) {
        for (TimeWindow w : values()) {
            if (w.text.equals(text)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
