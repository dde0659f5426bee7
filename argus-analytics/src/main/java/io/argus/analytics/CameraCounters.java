package io.argus.analytics;

/** A camera's counters: written by its analytics thread only, read by anyone (the API, metrics). */
final class CameraCounters {
    volatile long received;
    volatile long decoded;
    volatile long analysed;
    volatile long corrupt;
    volatile long fixedRateNanos;
    volatile long motionEvents;
    volatile boolean gpu;
    volatile String rate = "quiet";

    AnalyticsStats snapshot(double fixedFps, DetectionCounts detection) {
        return new AnalyticsStats(received, decoded, analysed, corrupt, (long) (fixedRateNanos * fixedFps / 1e9),
                motionEvents, gpu, rate, detection);
    }
}
