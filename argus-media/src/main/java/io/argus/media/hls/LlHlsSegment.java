package io.argus.media.hls;

import java.util.ArrayList;
import java.util.List;

/** One segment: its parts in order, the wall time it starts at, and whether a later segment has begun. */
final class LlHlsSegment {
    final long msn;
    final long startWallMicros;
    final List<LlHlsPart> parts = new ArrayList<>();
    private double duration;
    private long bytes;
    private boolean complete;

    LlHlsSegment(long msn, long startWallMicros) {
        this.msn = msn;
        this.startWallMicros = startWallMicros;
    }

    /** <b>Takes ownership</b> of the part. */
    void add(LlHlsPart part) {
        parts.add(part);
        duration += part.duration();
        bytes += part.bytes();
    }

    double duration() {
        return duration;
    }

    long bytes() {
        return bytes;
    }

    boolean complete() {
        return complete;
    }

    void complete(boolean value) {
        complete = value;
    }

    void release() {
        for (LlHlsPart p : parts) {
            p.release();
        }
        parts.clear();
    }
}
