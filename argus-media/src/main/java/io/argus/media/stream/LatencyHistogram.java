package io.argus.media.stream;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-memory, lock-free histogram of latencies in microseconds with log-linear buckets (16 sub-buckets
 * per power of two, so any percentile is within ~6 % of the truth), from 1 µs to about 70 minutes.
 * Recording allocates nothing and may happen on any thread.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXP = 32;
    private final AtomicLongArray buckets = new AtomicLongArray((MAX_EXP + 1) * SUB);

    public void recordMicros(long micros) {
        buckets.incrementAndGet(index(Math.max(0, micros)));
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS + 1;
        if (exp > MAX_EXP) {
            return lastIndex();
        }
        int sub = (int) (v >>> (exp - 1)) & (SUB - 1);
        return exp * SUB + sub;
    }

    private static int lastIndex() {
        return (MAX_EXP + 1) * SUB - 1;
    }

    /** Upper bound (µs) of the values that fall into bucket {@code i}. */
    static long upperBound(int i) {
        int exp = i / SUB;
        int sub = i % SUB;
        if (exp == 0) {
            return sub;
        }
        return ((long) (SUB + sub) << (exp - 1)) + (1L << (exp - 1)) - 1;
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < buckets.length(); i++) {
            n += buckets.get(i);
        }
        return n;
    }

    /** The value (µs) at quantile {@code q} in [0, 1], or -1 if nothing was recorded. */
    public long percentileMicros(double q) {
        long[] snap = new long[buckets.length()];
        long n = 0;
        for (int i = 0; i < snap.length; i++) {
            snap[i] = buckets.get(i);
            n += snap[i];
        }
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < snap.length; i++) {
            seen += snap[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(snap.length - 1);
    }

    public void reset() {
        for (int i = 0; i < buckets.length(); i++) {
            buckets.set(i, 0);
        }
    }
}
