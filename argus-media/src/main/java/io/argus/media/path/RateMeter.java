package io.argus.media.path;

/** Frames and bits per second from counter samples taken about once a second, smoothed (EWMA, α = 0.5). */
final class RateMeter {
    private long lastNanos;
    private long lastFrames;
    private long lastBytes;
    private volatile double fps;
    private volatile double bps;

    synchronized void sample(long nowNanos, long frames, long bytes) {
        if (lastNanos != 0 && nowNanos > lastNanos) {
            double dt = (nowNanos - lastNanos) / 1e9;
            double f = (frames - lastFrames) / dt;
            double b = (bytes - lastBytes) * 8 / dt;
            fps = fps == 0 ? f : (fps + f) / 2;
            bps = bps == 0 ? b : (bps + b) / 2;
        }
        lastNanos = nowNanos;
        lastFrames = frames;
        lastBytes = bytes;
    }

    double fps() {
        return Math.round(fps * 100) / 100.0;
    }

    long bitrateBps() {
        return Math.round(bps);
    }
}
