package io.argus.sim;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.h265.H265NalType;
import io.argus.sim.samples.SimSample;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * A sample video loaded once and split into access units (templates) that every simulated camera shares. The
 * templates keep the sample's in-band parameter sets before each keyframe, as cameras send them.
 */
final class SampleLoop implements AutoCloseable {
    private final Codec codec;
    private final AnnexBAccessUnits.Syntax syntax;
    private final MediaFormat format;
    private final List<AccessUnit> frames;

    private SampleLoop(Codec codec, MediaFormat format, List<AccessUnit> frames) {
        this.codec = codec;
        this.syntax = codec == Codec.H264 ? H264AccessUnits.SYNTAX : H265AccessUnits.SYNTAX;
        this.format = format;
        this.frames = frames;
    }

    static SampleLoop load(SimSample sample, Codec codec) {
        ByteBuf file = Unpooled.directBuffer().writeBytes(sample.bytes());
        try {
            List<AccessUnit> frames = AnnexBAccessUnits.fromAnnexB(
                    codec == Codec.H264 ? H264AccessUnits.SYNTAX : H265AccessUnits.SYNTAX, file, 0, 1);
            if (frames.isEmpty() || !frames.get(0).keyframe()) {
                frames.forEach(AccessUnit::release);
                throw new IllegalStateException(sample.fileName() + " does not start with a keyframe");
            }
            return new SampleLoop(codec, formatOf(codec, frames.get(0)), frames);
        } finally {
            file.release();
        }
    }

    private static MediaFormat formatOf(Codec codec, AccessUnit first) {
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < first.unitCount(); i++) {
            ByteBuf nal = first.unit(i);
            if (codec == Codec.H264) {
                int t = H264NalType.of(nal);
                sps = t == H264NalType.SPS ? ByteBufUtil.getBytes(nal) : sps;
                pps = t == H264NalType.PPS ? ByteBufUtil.getBytes(nal) : pps;
            } else {
                int t = H265NalType.of(nal);
                vps = t == H265NalType.VPS ? ByteBufUtil.getBytes(nal) : vps;
                sps = t == H265NalType.SPS ? ByteBufUtil.getBytes(nal) : sps;
                pps = t == H265NalType.PPS ? ByteBufUtil.getBytes(nal) : pps;
            }
        }
        return codec == Codec.H264 ? new MediaFormat.H264(sps, pps) : new MediaFormat.H265(vps, sps, pps);
    }

    Codec codec() {
        return codec;
    }

    /** Whether {@code nal} is a slice (VCL unit) in this sample's codec. */
    boolean isVcl(ByteBuf nal) {
        return syntax.isVcl(syntax.type(nal));
    }

    MediaFormat format() {
        return format;
    }

    int size() {
        return frames.size();
    }

    /** The i-th template (modulo the loop length). <b>Borrowed</b>: retain slices of its units to keep them. */
    AccessUnit frame(long i) {
        return frames.get((int) (i % frames.size()));
    }

    @Override
    public void close() {
        frames.forEach(AccessUnit::release);
    }
}
