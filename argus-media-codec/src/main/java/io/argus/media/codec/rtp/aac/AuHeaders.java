package io.argus.media.codec.rtp.aac;

import io.netty.buffer.ByteBuf;

/**
 * The AU header section of an RFC 3640 payload (§3.2.1): a 16-bit length in bits, then per access unit an
 * AU-size and an AU-Index (first) or AU-Index-delta (others). Parsed into a reused array; allocates nothing.
 */
final class AuHeaders {

    /**
     * Most access units one packet may announce: tiny silent AAC frames are about 6 bytes, so a 1500-byte
     * packet holds fewer than 200 of them.
     */
    static final int MAX_UNITS = 256;

    private final int sizeLength;
    private final int indexLength;
    private final int indexDeltaLength;
    private final int[] sizes = new int[MAX_UNITS];
    private int count;
    private int dataOffset;

    AuHeaders(int sizeLength, int indexLength, int indexDeltaLength) {
        if (sizeLength < 1 || sizeLength > 16 || indexLength < 0 || indexLength > 8 || indexDeltaLength < 0
                || indexDeltaLength > 8) {
            throw new IllegalArgumentException("unsupported AU header layout: sizeLength " + sizeLength
                    + ", indexLength " + indexLength + ", indexDeltaLength " + indexDeltaLength);
        }
        this.sizeLength = sizeLength;
        this.indexLength = indexLength;
        this.indexDeltaLength = indexDeltaLength;
    }

    /**
     * Parses the section at the start of {@code payload}'s readable bytes (<b>borrowed</b>).
     *
     * @return false if the section is malformed or announces no unit
     */
    boolean parse(ByteBuf payload) {
        int n = payload.readableBytes();
        int ri = payload.readerIndex();
        count = 0;
        if (n < 2) {
            return false;
        }
        int bits = payload.getUnsignedShort(ri);
        int bytes = (bits + 7) >>> 3;
        if (bits == 0 || 2 + bytes > n) {
            return false;
        }
        long base = 8L * (ri + 2);
        int pos = 0;
        while (pos < bits) {
            int idx = count == 0 ? indexLength : indexDeltaLength;
            if (pos + sizeLength + idx > bits || count == MAX_UNITS) {
                return false;
            }
            sizes[count++] = readBits(payload, base + pos, sizeLength);
            pos += sizeLength + idx;
        }
        dataOffset = 2 + bytes;
        return true;
    }

    private static int readBits(ByteBuf buf, long bitPos, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            long p = bitPos + i;
            v = (v << 1) | ((buf.getUnsignedByte((int) (p >>> 3)) >>> (7 - (int) (p & 7))) & 1);
        }
        return v;
    }

    int count() {
        return count;
    }

    int size(int i) {
        return sizes[i];
    }

    /** Offset of the first access unit's bytes from the payload's reader index. */
    int dataOffset() {
        return dataOffset;
    }
}
