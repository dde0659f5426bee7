package io.argus.media.codec.format.ts;

import io.netty.buffer.ByteBuf;

/**
 * The CRC-32 of PSI sections (ISO/IEC 13818-1 Annex A): polynomial 0x04C11DB7, not reflected, initial value
 * 0xFFFFFFFF, no final XOR. Run over a whole section including its CRC field, it yields 0.
 */
final class TsCrc32 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private TsCrc32() {
    }

    /** The CRC of {@code length} bytes at {@code index}. <b>Borrows</b> {@code buf}; indexes do not move. */
    static int of(ByteBuf buf, int index, int length) {
        int crc = 0xFFFF_FFFF;
        for (int i = index; i < index + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ buf.getUnsignedByte(i)) & 0xff];
        }
        return crc;
    }
}
