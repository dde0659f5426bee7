package io.argus.media.path;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for reconnects: attempt n waits a random time in [d/2, d] where
 * d = min(max, initial * 2^n). The jitter keeps a thousand cameras that dropped together (a switch reboot)
 * from reconnecting in lock-step.
 */
public record Backoff(Duration initial, Duration max) {

    /** 0.5 s doubling up to 30 s: a camera rebooting (~30–60 s) is caught within 30 s of coming back. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** Delay before retry number {@code attempt} (0-based), in milliseconds. */
    public long delayMillis(int attempt) {
        long ceiling = initial.toMillis() << Math.min(attempt, 20);
        long d = Math.min(max.toMillis(), ceiling);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
