package io.argus.media.rtsp.server;

/**
 * A token bucket for one UDP reader. UDP has no flow control: a reader that joins gets the cached GOP at once
 * (up to a GOP of video, 0.5 MB at 2 Mbit/s with 2 s GOPs), and sent as one burst it overflows a player's
 * socket buffer (ffmpeg 5.1 reading 1080p over UDP showed decode errors on the first frames in 2 runs of 3).
 * Paced, the replay still takes only tens of milliseconds, and live video, far below the rate, is never held.
 */
final class UdpPacer {
    /**
     * Sustained rate: 64 Mbit/s, four times a 16 Mbit/s 4K camera, so live units are never delayed, and a
     * 2 Mbit/s camera's cached GOP replays in under 0.1 s.
     */
    static final long BYTES_PER_SECOND = 8_000_000;

    /**
     * Burst: 128 KiB, well under the 208 KiB a Linux UDP socket buffers by default ({@code net.core.rmem_default}),
     * so a player that reads a little late still loses nothing.
     */
    static final long BURST_BYTES = 128 * 1024;

    private long tokens = BURST_BYTES;
    private long lastNanos;

    /** Whether a unit may be sent now. */
    boolean ready(long nowNanos) {
        refill(nowNanos);
        return tokens > 0;
    }

    /** Spends {@code bytes}; the balance may go negative (a unit is never split), delaying the next ones. */
    void spend(int bytes) {
        tokens -= bytes;
    }

    /** Nanoseconds until {@link #ready} turns true again. */
    long nanosUntilReady(long nowNanos) {
        refill(nowNanos);
        return tokens > 0 ? 0 : (-tokens + 1) * 1_000_000_000L / BYTES_PER_SECOND;
    }

    private void refill(long nowNanos) {
        if (lastNanos != 0) {
            long earned = (nowNanos - lastNanos) * BYTES_PER_SECOND / 1_000_000_000L;
            if (earned > 0) {
                tokens = Math.min(BURST_BYTES, tokens + earned);
                lastNanos = nowNanos;
            }
        } else {
            lastNanos = nowNanos;
        }
    }
}
