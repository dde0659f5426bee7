package io.argus.storage.record;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A camera's video: the 360p H.264 sample (100 pictures, an IDR every {@link #GOP}) looped without end, picture
 * {@code i} stamped {@code i × 40 ms} on the 90 kHz clock. Each frame shares the sample's bytes (retained slices).
 */
final class SampleFrames implements AutoCloseable {
    static final int FPS = 25;
    /** Pictures per GOP in the sample: a keyframe every 2 s. */
    static final int GOP = 50;

    private final List<AccessUnit> templates = ChunkFixtures.videoUnits(SampleMedia.H264_360P25, 0);
    private final MediaFormat format = ChunkFixtures.format(SampleMedia.H264_360P25);

    MediaFormat format() {
        return format;
    }

    /** Frame {@code i}, arrived at {@code receivedNanos}; the caller owns it. */
    AccessUnit frame(int i, long receivedNanos) {
        AccessUnit t = templates.get(i % templates.size());
        ByteBuf[] units = new ByteBuf[t.unitCount()];
        for (int u = 0; u < units.length; u++) {
            units[u] = t.unit(u).retainedSlice();
        }
        long dts = i * ChunkFixtures.FRAME_TICKS;
        return AccessUnit.of(0, t.codec(), dts, dts, t.keyframe(), units, units.length, receivedNanos);
    }

    static boolean isKeyframe(int i) {
        return i % GOP == 0;
    }

    @Override
    public void close() {
        templates.forEach(AccessUnit::release);
    }
}
