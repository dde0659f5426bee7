package io.argus.media.codec.h264;

import io.netty.buffer.ByteBuf;

/** H.264 NAL unit types (ITU-T H.264 Table 7-1) and the RFC 6184 packetization types that share the field. */
public final class H264NalType {
    public static final int NON_IDR = 1;
    public static final int IDR = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int AUD = 9;
    public static final int END_OF_SEQUENCE = 10;
    public static final int END_OF_STREAM = 11;
    public static final int FILLER = 12;
    /** RFC 6184 §5.7.1 single-time aggregation packet. */
    public static final int STAP_A = 24;
    /** RFC 6184 §5.8 fragmentation unit without DON. */
    public static final int FU_A = 28;

    private H264NalType() {
    }

    /** The type in a NAL unit header byte. */
    public static int of(int headerByte) {
        return headerByte & 0x1f;
    }

    /** The type of the NAL unit at {@code nal}'s reader index; -1 if empty. <b>Borrows</b> {@code nal}. */
    public static int of(ByteBuf nal) {
        return nal.isReadable() ? nal.getByte(nal.readerIndex()) & 0x1f : -1;
    }

    /** Coded slice types 1..5: the NAL units that carry picture data. */
    public static boolean isVcl(int type) {
        return type >= 1 && type <= 5;
    }

    /**
     * True for the types that, after a slice, begin a new access unit (H.264 §7.4.1.2.3): AUD, SPS, PPS, SEI
     * and 14..18.
     */
    public static boolean startsAccessUnit(int type) {
        return (type >= SEI && type <= AUD) || (type >= 14 && type <= 18);
    }
}
