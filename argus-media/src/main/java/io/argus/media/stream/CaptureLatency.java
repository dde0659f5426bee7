package io.argus.media.stream;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.sei.CaptureTimeSei;

/**
 * Measures source-to-hub latency from the capture time a source stamped into its video (the simulator and
 * Argus-aware encoders do; ordinary cameras do not, and cost only a scan of their first units for an SEI).
 * One per node, shared by all streams.
 */
public final class CaptureLatency {
    private final LatencyHistogram histogram = new LatencyHistogram();

    /** <b>Borrows</b> {@code au}. */
    void record(AccessUnit au) {
        if (!au.codec().isVideo()) {
            return;
        }
        long captured = CaptureTimeSei.read(au);
        if (captured != CaptureTimeSei.NOT_FOUND) {
            histogram.recordMicros(WallClock.micros() - captured);
        }
    }

    public LatencyHistogram histogram() {
        return histogram;
    }
}
