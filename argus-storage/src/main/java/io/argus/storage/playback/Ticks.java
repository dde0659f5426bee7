package io.argus.storage.playback;

import java.math.BigInteger;

/** Time unit conversions without overflow (a day at a 1 MHz timescale in nanoseconds passes 2^63). */
final class Ticks {
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Ticks() {
    }

    /** {@code value * multiplier / divisor}, rounded toward zero. */
    static long scale(long value, long multiplier, long divisor) {
        if (divisor <= 0) {
            throw new IllegalArgumentException("a timescale must be positive: " + divisor);
        }
        long high = Math.multiplyHigh(value, multiplier);
        long low = value * multiplier;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low / divisor;
        }
        return BigInteger.valueOf(value).multiply(BigInteger.valueOf(multiplier))
                .divide(BigInteger.valueOf(divisor)).longValueExact();
    }

    static long toNanos(long ticks, long timescale) {
        return scale(ticks, NANOS_PER_SECOND, timescale);
    }

    static long fromNanos(long nanos, long timescale) {
        return scale(nanos, timescale, NANOS_PER_SECOND);
    }
}
