package io.argus.media.codec.testing;

import io.argus.media.codec.aac.Adts;
import io.argus.media.codec.h264.AnnexB;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** The sample media as the arrays the depacketizers must reproduce. */
public final class Samples {

    private Samples() {
    }

    /** The NAL units of an Annex B sample whose type (from {@code typeOf} of the first byte) passes. */
    public static List<byte[]> nals(SampleMedia sample, boolean hevc, IntPredicate keepType) {
        ByteBuf stream = Unpooled.wrappedBuffer(sample.bytes());
        List<ByteBuf> slices = new ArrayList<>();
        AnnexB.split(stream, slices);
        List<byte[]> out = new ArrayList<>();
        for (ByteBuf s : slices) {
            int b0 = s.getUnsignedByte(s.readerIndex());
            int type = hevc ? (b0 >>> 1) & 0x3f : b0 & 0x1f;
            if (keepType.test(type)) {
                out.add(ByteBufUtil.getBytes(s));
            }
            s.release();
        }
        stream.release();
        return out;
    }

    /** The raw AAC frames of an ADTS sample. */
    public static List<byte[]> aacFrames(SampleMedia sample) {
        ByteBuf stream = Unpooled.wrappedBuffer(sample.bytes());
        List<ByteBuf> slices = new ArrayList<>();
        Adts.split(stream, slices);
        List<byte[]> out = new ArrayList<>();
        for (ByteBuf s : slices) {
            out.add(ByteBufUtil.getBytes(s));
            s.release();
        }
        stream.release();
        return out;
    }
}
