package io.argus.media.codec.aac;

import io.netty.buffer.ByteBuf;

/**
 * An ADTS frame header (ISO/IEC 14496-3 §1.A.2.2): 7 bytes, or 9 with the CRC.
 *
 * @param config      what the header says about the stream (ADTS profile + 1 is the object type)
 * @param headerLength 7 or 9
 * @param frameLength  header plus raw frame, in bytes
 */
public record AdtsHeader(AudioSpecificConfig config, int headerLength, int frameLength) {

    /** Header length without CRC. */
    public static final int LENGTH = 7;

    /** Raw data bytes after the header. */
    public int payloadLength() {
        return frameLength - headerLength;
    }

    /**
     * Parses the header at {@code index}. <b>Borrows</b> {@code buf}; indexes do not move.
     *
     * @return the header, or null if the bytes there are not a valid ADTS header or fewer than 7 remain
     */
    public static AdtsHeader parse(ByteBuf buf, int index) {
        if (index < 0 || buf.writerIndex() - index < LENGTH) {
            return null;
        }
        long h = ((long) buf.getInt(index) << 24 | buf.getUnsignedMedium(index + 4)) & 0xff_ffff_ffff_ffffL;
        if ((h >>> 44) != 0xfff || ((h >>> 41) & 3) != 0) {
            return null;
        }
        boolean noCrc = ((h >>> 40) & 1) != 0;
        int profile = (int) ((h >>> 38) & 3);
        int index4 = (int) ((h >>> 34) & 0xf);
        int channels = (int) ((h >>> 30) & 7);
        int frameLength = (int) ((h >>> 13) & 0x1fff);
        int headerLength = noCrc ? LENGTH : LENGTH + 2;
        if (index4 > 12 || frameLength < headerLength) {
            return null;
        }
        return new AdtsHeader(new AudioSpecificConfig(profile + 1, AudioSpecificConfig.rateOf(index4), channels,
                1024), headerLength, frameLength);
    }

    /** Writes a 7-byte header (no CRC, one raw data block) for a raw frame of {@code payloadLength} bytes. */
    public static void write(ByteBuf out, AudioSpecificConfig config, int payloadLength) {
        int frameLength = payloadLength + LENGTH;
        if (frameLength > 0x1fff || config.objectType() > 4 || config.frequencyIndex() > 12) {
            throw new IllegalArgumentException("not expressible in ADTS: " + config + ", " + payloadLength + " B");
        }
        long h = 0xfffL << 44 | 1L << 40 | (long) (config.objectType() - 1) << 38
                | (long) config.frequencyIndex() << 34 | (long) config.channelConfiguration() << 30
                | (long) frameLength << 13 | 0x7ffL << 2;
        out.writeInt((int) (h >>> 24));
        out.writeMedium((int) h);
    }
}
