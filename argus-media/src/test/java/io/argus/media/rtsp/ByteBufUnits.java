package io.argus.media.rtsp;

import io.argus.media.codec.AccessUnit;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;

/** Re-stamps a sample access unit for looping playback, sharing its buffers (retained slices, no copy). */
final class ByteBufUnits {
    private ByteBufUnits() {
    }

    static void publishRestamped(Stream stream, AccessUnit src, long pts) {
        ByteBuf[] nals = new ByteBuf[src.unitCount()];
        for (int i = 0; i < nals.length; i++) {
            nals[i] = src.unit(i).retainedSlice();
        }
        stream.publish(AccessUnit.of(src.track(), src.codec(), pts, pts, src.keyframe(), nals, nals.length,
                System.nanoTime()));
    }
}
