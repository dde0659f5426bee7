package io.argus.media.snapshot;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.h265.H265NalType;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** The testkit's sample videos as access units and formats, as a camera's stream would carry them. */
final class Samples {
    private Samples() {
    }

    /** Every access unit of {@code sample}, stamped one 25 fps frame apart; the caller releases them. */
    static List<AccessUnit> units(SampleMedia sample, Codec codec) {
        ByteBuf file = Unpooled.directBuffer().writeBytes(sample.bytes());
        try {
            return AnnexBAccessUnits.fromAnnexB(codec == Codec.H264 ? H264AccessUnits.SYNTAX
                    : H265AccessUnits.SYNTAX, file, 0, 3600);
        } finally {
            file.release();
        }
    }

    /** The parameter sets the keyframe carries in band, as the format from a camera's SDP. */
    static MediaFormat format(AccessUnit key) {
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < key.unitCount(); i++) {
            ByteBuf nal = key.unit(i);
            if (key.codec() == Codec.H264) {
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
        return key.codec() == Codec.H264 ? new MediaFormat.H264(sps, pps) : new MediaFormat.H265(vps, sps, pps);
    }

    /** The keyframe without its parameter sets (a camera that sends them only in the SDP). Borrows {@code key}. */
    static AccessUnit withoutParameterSets(AccessUnit key) {
        List<ByteBuf> kept = new ArrayList<>();
        for (int i = 0; i < key.unitCount(); i++) {
            ByteBuf nal = key.unit(i);
            boolean ps = key.codec() == Codec.H264
                    ? List.of(H264NalType.SPS, H264NalType.PPS).contains(H264NalType.of(nal))
                    : List.of(H265NalType.VPS, H265NalType.SPS, H265NalType.PPS).contains(H265NalType.of(nal));
            if (!ps) {
                kept.add(nal.retainedSlice());
            }
        }
        return AccessUnit.of(key.track(), key.codec(), key.pts(), key.dts(), true, kept.toArray(ByteBuf[]::new),
                kept.size(), key.receivedNanos());
    }
}
