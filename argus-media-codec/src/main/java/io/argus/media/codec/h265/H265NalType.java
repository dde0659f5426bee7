package io.argus.media.codec.h265;

import io.netty.buffer.ByteBuf;

/** H.265 NAL unit types (ITU-T H.265 Table 7-1) and the RFC 7798 packetization types that share the field. */
public final class H265NalType {
    /** First IRAP type (BLA_W_LP); IRAP pictures are 16..23 (§7.4.2.2). */
    public static final int IRAP_FIRST = 16;
    public static final int IDR_W_RADL = 19;
    public static final int IDR_N_LP = 20;
    public static final int CRA = 21;
    /** Last IRAP type (RSV_IRAP_VCL23). */
    public static final int IRAP_LAST = 23;
    public static final int VPS = 32;
    public static final int SPS = 33;
    public static final int PPS = 34;
    public static final int AUD = 35;
    public static final int END_OF_SEQUENCE = 36;
    public static final int END_OF_BITSTREAM = 37;
    public static final int FILLER = 38;
    public static final int PREFIX_SEI = 39;
    public static final int SUFFIX_SEI = 40;
    /** RFC 7798 §4.4.2 aggregation packet. */
    public static final int AP = 48;
    /** RFC 7798 §4.4.3 fragmentation unit. */
    public static final int FU = 49;
    /** RFC 7798 §4.4.4 PACI packet. */
    public static final int PACI = 50;

    private H265NalType() {
    }

    /** The type in the first byte of a NAL unit header. */
    public static int of(int firstHeaderByte) {
        return (firstHeaderByte >>> 1) & 0x3f;
    }

    /** The type of the NAL unit at {@code nal}'s reader index; -1 if empty. <b>Borrows</b> {@code nal}. */
    public static int of(ByteBuf nal) {
        return nal.isReadable() ? (nal.getByte(nal.readerIndex()) >>> 1) & 0x3f : -1;
    }

    /** Coded slice segment types 0..31. */
    public static boolean isVcl(int type) {
        return type >= 0 && type <= 31;
    }

    /** Intra random access point: decoding can start here. */
    public static boolean isIrap(int type) {
        return type >= IRAP_FIRST && type <= IRAP_LAST;
    }

    /**
     * True for the types that, after a slice, begin a new access unit (H.265 §7.4.2.4.4): VPS, SPS, PPS, AUD,
     * prefix SEI and 41..44, 48..55.
     */
    public static boolean startsAccessUnit(int type) {
        return (type >= VPS && type <= AUD) || type == PREFIX_SEI || (type >= 41 && type <= 44)
                || (type >= 48 && type <= 55);
    }
}
