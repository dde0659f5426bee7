package io.argus.webrtc;

import java.util.concurrent.atomic.LongAdder;

/** What WHIP publishers did since the node started, kept past the sessions' end (the metrics are counters). */
public final class WhipCounters {
    final LongAdder publishers = new LongAdder();
    /** Opus packets received and dropped: the stream hub carries H.264, H.265 and AAC, not Opus. */
    final LongAdder audioPacketsDropped = new LongAdder();
    final LongAdder nacksSent = new LongAdder();
    final LongAdder keyframeRequests = new LongAdder();

    public long publishers() {
        return publishers.sum();
    }

    public long audioPacketsDropped() {
        return audioPacketsDropped.sum();
    }

    public long nacksSent() {
        return nacksSent.sum();
    }

    public long keyframeRequests() {
        return keyframeRequests.sum();
    }
}
