package io.argus.media.rtsp;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;

/** The 360p H.264 sample as access units, and its format, for RTSP tests. */
public final class RtspTestMedia {

    /** 25 fps at 90 kHz. */
    public static final long FRAME_TICKS = 3600;

    private RtspTestMedia() {
    }

    /** 100 access units with retained slices of one buffer; the caller releases them. */
    public static List<AccessUnit> h264Units() {
        ByteBuf file = Unpooled.wrappedBuffer(SampleMedia.H264_360P25.bytes());
        try {
            return H264AccessUnits.fromAnnexB(file, 0, FRAME_TICKS);
        } finally {
            file.release();
        }
    }

    /** The format with the SPS and PPS of the first access unit. */
    public static MediaFormat.H264 h264Format(List<AccessUnit> units) {
        AccessUnit first = units.get(0);
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < first.unitCount(); i++) {
            ByteBuf nal = first.unit(i);
            int type = nal.getByte(nal.readerIndex()) & 0x1f;
            if (type == 7) {
                sps = bytes(nal);
            } else if (type == 8) {
                pps = bytes(nal);
            }
        }
        return new MediaFormat.H264(sps, pps);
    }

    /** All units' bytes, concatenated with 4-byte length prefixes (for comparing content). */
    public static byte[] content(AccessUnit au) {
        byte[] out = new byte[0];
        for (int i = 0; i < au.unitCount(); i++) {
            byte[] nal = bytes(au.unit(i));
            int type = nal.length > 0 ? nal[0] & 0x1f : 0;
            if (type == 9 || type == 12) {
                continue;
            }
            byte[] next = Arrays.copyOf(out, out.length + 4 + nal.length);
            next[out.length] = (byte) (nal.length >>> 24);
            next[out.length + 1] = (byte) (nal.length >>> 16);
            next[out.length + 2] = (byte) (nal.length >>> 8);
            next[out.length + 3] = (byte) nal.length;
            System.arraycopy(nal, 0, next, out.length + 4, nal.length);
            out = next;
        }
        return out;
    }

    static byte[] bytes(ByteBuf b) {
        byte[] a = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), a);
        return a;
    }
}
