package io.argus.media.codec.rtp;

/**
 * Extends 32-bit RTP timestamps to a 64-bit timeline that starts at 0 (RFC 3550 §5.1: the initial value is
 * random and it wraps about every 13 hours at 90 kHz). Each timestamp is placed at the signed 32-bit distance
 * from the previous one, so reordered or B-frame timestamps may step back a little without wrapping wrongly.
 *
 * <p>After {@link #resync()} (a new SSRC, a sender restart) the next timestamp continues the timeline at the
 * last value plus the last forward step, unless it is within {@code maxJump} of the previous one (the same
 * sender clock carrying on).
 */
final class RtpTimestampUnwrapper {

    private final long maxJump;
    private boolean started;
    private boolean resyncing;
    private long last32;
    private long last;
    private long step;

    /** @param maxJump largest distance, in clock ticks, still taken as continuity after a resync */
    RtpTimestampUnwrapper(long maxJump) {
        this.maxJump = maxJump;
    }

    long unwrap(long timestamp32) {
        if (!started) {
            started = true;
            last32 = timestamp32;
            last = 0;
            return 0;
        }
        int delta = (int) (timestamp32 - last32);
        last32 = timestamp32;
        if (resyncing) {
            resyncing = false;
            if (Math.abs((long) delta) > maxJump) {
                last += step > 0 ? step : 1;
                return last;
            }
        }
        last += delta;
        if (delta > 0) {
            step = delta;
        }
        return last;
    }

    void resync() {
        resyncing = started;
    }
}
