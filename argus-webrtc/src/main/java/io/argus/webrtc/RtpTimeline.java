package io.argus.webrtc;

/**
 * The RTP timestamps one viewer gets (90 kHz): the stream's own times, held back so that they never run ahead of
 * the wall clock at which they are sent by more than {@link #SLACK_TICKS} (measured from the viewer's most
 * behind moment so far), and never go backwards. Both matter when a viewer is restarted on the GOP cache after a
 * PLI: the cached units are older than those it already has (their own timestamps would go back), and they go
 * out as a burst, which at its own spacing asks the browser's jitter buffer to play the last of them the cache's
 * age late. Held back, the burst's frames go out one tick apart and are decoded at once (the reference chain needs
 * them), and the live frames that follow keep their own spacing. A new viewer's first burst is held back the same
 * way.
 */
final class RtpTimeline {

    /** The RTP clock of video (RFC 6184 §8.2.1, RFC 7798 §7.1). */
    static final int VIDEO_CLOCK = 90_000;
    /**
     * How far the stream's time may run ahead of the send time (50 ms in 90 kHz ticks): sources' frames arrive
     * with that much jitter without their spacing being touched; a burst runs ahead by far more.
     */
    static final long SLACK_TICKS = VIDEO_CLOCK / 20;

    private final long offset;
    private final int clockRate;
    private long startNanos;
    private long shift;
    private long last;
    private long minLead;
    private boolean any;

    /**
     * @param offset    the random initial timestamp (RFC 3550 §5.1)
     * @param clockRate the stream's clock for {@code pts}
     */
    RtpTimeline(long offset, int clockRate) {
        this.offset = offset;
        this.clockRate = clockRate;
    }

    /** The 32-bit RTP timestamp of a unit with {@code pts} (stream clock), sent at {@code nowNanos}. */
    long next(long pts, long nowNanos) {
        long own = pts * VIDEO_CLOCK / clockRate;
        if (!any) {
            any = true;
            startNanos = nowNanos;
            last = own - 1;
            minLead = own;
        }
        // In microseconds first, so that a session of years does not overflow.
        long wall = (nowNanos - startNanos) / 1000 * VIDEO_CLOCK / 1_000_000;
        long t = Math.max(Math.min(own + shift, wall + minLead + SLACK_TICKS), last + 1);
        minLead = Math.min(minLead, t - wall);
        shift = t - own;
        last = t;
        return (offset + t) & 0xffffffffL;
    }

    /** The last timestamp returned (32 bits). */
    long last() {
        return (offset + last) & 0xffffffffL;
    }
}
