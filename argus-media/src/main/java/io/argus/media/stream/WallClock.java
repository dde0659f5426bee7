package io.argus.media.stream;

import java.time.Clock;
import java.time.Instant;

/** Wall-clock time in microseconds since the Unix epoch, the unit of the capture-time SEI. */
public final class WallClock {
    private static final Clock UTC = Clock.systemUTC();

    private WallClock() {
    }

    public static long micros() {
        Instant now = UTC.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
