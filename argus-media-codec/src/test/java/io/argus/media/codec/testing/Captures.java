package io.argus.media.codec.testing;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpPayloadFormats;
import io.argus.testkit.RtpCapture;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** What each RTP capture must depacketize to, and a depacketizer for it. */
public final class Captures {

    /** The AudioSpecificConfig ffmpeg announced for the AAC captures (AAC-LC, 48 kHz, stereo). */
    public static final byte[] AAC_CONFIG = {0x11, (byte) 0x90};

    private Captures() {
    }

    public static boolean isAac(RtpCapture c) {
        return c.source() == SampleMedia.AAC_48K;
    }

    public static boolean isH265(RtpCapture c) {
        return c.name().startsWith("H265");
    }

    public static MediaFormat format(RtpCapture c) {
        if (isAac(c)) {
            return new MediaFormat.Aac(AAC_CONFIG, 48_000, 2);
        }
        return isH265(c) ? new MediaFormat.H265(null, null, null) : new MediaFormat.H264(null, null);
    }

    public static RtpDepacketizer depacketizer(RtpCapture c) {
        return RtpPayloadFormats.depacketizer(format(c));
    }

    /** Timestamp ticks between consecutive access units. */
    public static long step(RtpCapture c) {
        return isAac(c) ? 1024 : 3600;
    }

    /**
     * The units of each access unit of the source, as the depacketizer must produce them: AUD and filler left
     * out for video, one raw frame per unit for AAC.
     */
    public static List<List<byte[]>> expected(RtpCapture c) {
        List<List<byte[]>> out = new ArrayList<>();
        if (isAac(c)) {
            for (byte[] f : Samples.aacFrames(c.source())) {
                out.add(List.of(f));
            }
            return out.subList(0, c.frames());
        }
        ByteBuf stream = Unpooled.wrappedBuffer(c.source().bytes());
        List<AccessUnit> aus = isH265(c) ? H265AccessUnits.fromAnnexB(stream, 0, 3600)
                : H264AccessUnits.fromAnnexB(stream, 0, 3600);
        for (AccessUnit au : aus) {
            List<byte[]> units = new ArrayList<>();
            for (int i = 0; i < au.unitCount(); i++) {
                ByteBuf u = au.unit(i);
                int b0 = u.getUnsignedByte(u.readerIndex());
                int type = isH265(c) ? (b0 >>> 1) & 0x3f : b0 & 0x1f;
                boolean skip = isH265(c) ? type == 35 || type == 38 : type == 9 || type == 12;
                if (!skip) {
                    units.add(ByteBufUtil.getBytes(u));
                }
            }
            out.add(units);
            au.release();
        }
        stream.release();
        return out;
    }
}
