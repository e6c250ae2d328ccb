package io.sysmon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it, so timestamps are exact and no test has to sleep. */
final class FakeTestClock extends Clock {

    /** 2024-01-02T03:04:05.678Z, an instant with a fraction of a second so truncation shows. */
    static final Instant START = Instant.parse("2024-01-02T03:04:05.678Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    FakeTestClock() {
        this(START);
    }

    FakeTestClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private FakeTestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward (or back, for a negative duration) and returns the new time. */
    Instant advance(Duration by) {
        return now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Shares this clock's time, so advancing either moves both. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new FakeTestClock(now, newZone);
    }
}
