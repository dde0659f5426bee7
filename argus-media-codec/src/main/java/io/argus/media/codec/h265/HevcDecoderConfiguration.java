package io.argus.media.codec.h265;

import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;

/**
 * An HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 §8.3.3.1), as an Enhanced RTMP {@code hvc1} sequence start
 * or an MP4 hvcC carries it: the first VPS, SPS and PPS of its arrays, and the NAL unit length prefix size.
 * Arrays of other NAL unit types (SEI) are skipped.
 *
 * @param nalLengthSize bytes of each NAL unit's length prefix: 1, 2 or 4
 */
public record HevcDecoderConfiguration(MediaFormat.H265 format, int nalLengthSize) {

    /** The fixed part before the arrays: version, profile, tier, level, constraints, formats, frame rate. */
    private static final int HEADER_BYTES = 23;

    /**
     * Parses a record. <b>Borrows</b> {@code in}: reads from its reader index without moving it.
     *
     * @throws IllegalArgumentException if truncated, of another version, or without a VPS, SPS and PPS
     */
    public static HevcDecoderConfiguration parse(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        if (end - i < HEADER_BYTES || in.getUnsignedByte(i) != 1) {
            throw new IllegalArgumentException("not an HEVCDecoderConfigurationRecord (version 1, "
                    + HEADER_BYTES + " bytes or more)");
        }
        int lengthSize = (in.getUnsignedByte(i + 21) & 0x03) + 1;
        if (lengthSize == 3) {
            throw new IllegalArgumentException("HEVC NAL unit length size 3 is reserved");
        }
        int arrays = in.getUnsignedByte(i + 22);
        int at = i + HEADER_BYTES;
        byte[][] sets = new byte[3][];
        for (int a = 0; a < arrays; a++) {
            if (end - at < 3) {
                throw new IllegalArgumentException("HEVCDecoderConfigurationRecord truncated in array " + a);
            }
            int type = in.getUnsignedByte(at) & 0x3F;
            int count = in.getUnsignedShort(at + 1);
            int[] pos = {at + 3};
            for (int n = 0; n < count; n++) {
                if (end - pos[0] < 2) {
                    throw new IllegalArgumentException("HEVCDecoderConfigurationRecord truncated in a NAL length");
                }
                int length = in.getUnsignedShort(pos[0]);
                if (length == 0 || end - pos[0] - 2 < length) {
                    throw new IllegalArgumentException("HEVC parameter set of " + length + " bytes in "
                            + (end - pos[0] - 2));
                }
                int slot = type - H265NalType.VPS;
                if (slot >= 0 && slot < 3 && sets[slot] == null) {
                    sets[slot] = new byte[length];
                    in.getBytes(pos[0] + 2, sets[slot]);
                }
                pos[0] += 2 + length;
            }
            at = pos[0];
        }
        if (sets[0] == null || sets[1] == null || sets[2] == null) {
            throw new IllegalArgumentException("HEVCDecoderConfigurationRecord without a VPS, SPS and PPS");
        }
        return new HevcDecoderConfiguration(new MediaFormat.H265(sets[0], sets[1], sets[2]), lengthSize);
    }
}
