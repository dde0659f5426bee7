package io.argus.media.codec.format.ts;

/**
 * Turns 33-bit 90 kHz PTS/DTS values (ISO/IEC 13818-1 §2.4.3.7) into one monotonic 64-bit timeline shared by all
 * tracks of a program, starting at 0 at the first timestamp seen: each value is read as the nearest one to the
 * previous (a step of up to 2^32 ticks, 13 hours, either way), so the wrap every 26.5 hours is crossed.
 */
final class TsTimeline {
    static final long WRAP = 1L << 33;
    private long last = Long.MIN_VALUE;
    private long base;

    /** {@code raw} (33 bits) on the timeline, in 90 kHz ticks. */
    long unwrap(long raw) {
        if (last == Long.MIN_VALUE) {
            last = raw;
            base = raw;
            return 0;
        }
        long delta = (raw - last) & (WRAP - 1);
        if (delta >= WRAP / 2) {
            delta -= WRAP;
        }
        last += delta;
        return last - base;
    }
}
