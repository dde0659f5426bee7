package io.argus.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test says so, so no unit test sleeps. It is a {@link Clock} for wall time and
 * also offers {@link #nanoTime()} for code that takes a {@code LongSupplier} of monotonic nanoseconds; both
 * advance together. Not thread-safe beyond the visibility {@code volatile} gives: tests drive it from one thread.
 */
public final class ManualClock extends Clock {

    private volatile long epochNanos;
    private volatile long nanoTime;
    private final ZoneId zone;

    /** Starts at {@code start}, with {@link #nanoTime()} at 0, in UTC. */
    public ManualClock(Instant start) {
        this(start.getEpochSecond() * 1_000_000_000L + start.getNano(), 0L, ZoneOffset.UTC);
    }

    /** Starts at 2024-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2024-01-01T00:00:00Z"));
    }

    private ManualClock(long epochNanos, long nanoTime, ZoneId zone) {
        this.epochNanos = epochNanos;
        this.nanoTime = nanoTime;
        this.zone = zone;
    }

    /** Moves both wall time and monotonic time forward. */
    public ManualClock advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        long n = d.toNanos();
        epochNanos += n;
        nanoTime += n;
        return this;
    }

    public ManualClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /** Monotonic nanoseconds, like {@link System#nanoTime()}. */
    public long nanoTime() {
        return nanoTime;
    }

    /** Wall time in microseconds since the epoch. */
    public long epochMicros() {
        return Math.floorDiv(epochNanos, 1000L);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    @Override
    public long millis() {
        return Math.floorDiv(epochNanos, 1_000_000L);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone sharing nothing: it starts at this clock's current time and moves on its own. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(epochNanos, nanoTime, zone);
    }
}
