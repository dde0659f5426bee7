package io.argus.media.codec.h264;

import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;

/**
 * An AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1), as an FLV AVC sequence header or an MP4 avcC
 * carries it: the parameter sets and the size of the NAL unit length prefixes of the samples it configures. Only the
 * first SPS and PPS are kept (a stream with several is not something a camera or encoder sends).
 *
 * @param nalLengthSize bytes of each NAL unit's length prefix: 1, 2 or 4
 */
public record AvcDecoderConfiguration(MediaFormat.H264 format, int nalLengthSize) {

    /**
     * Parses a record. <b>Borrows</b> {@code in}: reads from its reader index without moving it.
     *
     * @throws IllegalArgumentException if truncated, of another version, or without an SPS and a PPS
     */
    public static AvcDecoderConfiguration parse(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        if (end - i < 7 || in.getUnsignedByte(i) != 1) {
            throw new IllegalArgumentException("not an AVCDecoderConfigurationRecord (version 1, 7 bytes or more)");
        }
        int lengthSize = (in.getUnsignedByte(i + 4) & 0x03) + 1;
        if (lengthSize == 3) {
            throw new IllegalArgumentException("AVC NAL unit length size 3 is reserved");
        }
        int spsCount = in.getUnsignedByte(i + 5) & 0x1F;
        int[] at = {i + 6};
        byte[] sps = null;
        for (int n = 0; n < spsCount; n++) {
            byte[] nal = parameterSet(in, at, end);
            sps = sps == null ? nal : sps;
        }
        if (at[0] >= end) {
            throw new IllegalArgumentException("AVCDecoderConfigurationRecord truncated before the PPS count");
        }
        int ppsCount = in.getUnsignedByte(at[0]++);
        byte[] pps = null;
        for (int n = 0; n < ppsCount; n++) {
            byte[] nal = parameterSet(in, at, end);
            pps = pps == null ? nal : pps;
        }
        if (sps == null || pps == null) {
            throw new IllegalArgumentException("AVCDecoderConfigurationRecord without an SPS and a PPS");
        }
        return new AvcDecoderConfiguration(new MediaFormat.H264(sps, pps), lengthSize);
    }

    /** A 16-bit length and that many bytes at {@code at[0]}, which moves past them. */
    private static byte[] parameterSet(ByteBuf in, int[] at, int end) {
        if (end - at[0] < 2) {
            throw new IllegalArgumentException("decoder configuration record truncated in a parameter set length");
        }
        int length = in.getUnsignedShort(at[0]);
        if (length == 0 || end - at[0] - 2 < length) {
            throw new IllegalArgumentException("decoder configuration record parameter set of " + length
                    + " bytes in " + (end - at[0] - 2));
        }
        byte[] nal = new byte[length];
        in.getBytes(at[0] + 2, nal);
        at[0] += 2 + length;
        return nal;
    }
}
