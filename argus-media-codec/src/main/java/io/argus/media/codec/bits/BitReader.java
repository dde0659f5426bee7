package io.argus.media.codec.bits;

/**
 * Reads bits most-significant first from a byte array, with the exp-Golomb codes of ITU-T H.264 §9.1. Used on
 * header-sized inputs (parameter sets, configs), never on the per-packet path.
 *
 * <p>Reading past the end throws {@link IllegalArgumentException} ("truncated"), which parsers let through as
 * their documented failure.
 */
public final class BitReader {

    private final byte[] data;
    private final long endBit;
    private long pos;

    /** Reads {@code data[offset..offset+length)}. The array is <b>borrowed</b> and must not change meanwhile. */
    public BitReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
        }
        this.data = data;
        this.pos = 8L * offset;
        this.endBit = 8L * (offset + length);
    }

    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    public int readBit() {
        if (pos >= endBit) {
            throw new IllegalArgumentException("truncated at bit " + pos);
        }
        int bit = (data[(int) (pos >>> 3)] >>> (7 - (int) (pos & 7))) & 1;
        pos++;
        return bit;
    }

    public boolean readFlag() {
        return readBit() != 0;
    }

    /** Reads {@code n} bits (0..32) as an unsigned value. */
    public long readBits(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bit count out of range: " + n);
        }
        if (pos + n > endBit) {
            throw new IllegalArgumentException("truncated at bit " + pos);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    /** Reads {@code n} bits (0..31) as an int. */
    public int readInt(int n) {
        if (n > 31) {
            throw new IllegalArgumentException("bit count out of range for an int: " + n);
        }
        return (int) readBits(n);
    }

    public void skipBits(long n) {
        if (n < 0 || pos + n > endBit) {
            throw new IllegalArgumentException("truncated at bit " + pos);
        }
        pos += n;
    }

    /** ue(v), H.264 §9.1. Values above 2^31-2 are rejected: no header field legitimately needs them. */
    public int readUe() {
        int zeros = 0;
        while (readBit() == 0) {
            zeros++;
            if (zeros > 31) {
                throw new IllegalArgumentException("exp-Golomb code too long at bit " + pos);
            }
        }
        long v = (1L << zeros) - 1 + readBits(zeros);
        if (v > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("exp-Golomb value too large: " + v);
        }
        return (int) v;
    }

    /** se(v), H.264 §9.1.1. */
    public int readSe() {
        int k = readUe();
        return (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
    }

    public long bitsLeft() {
        return endBit - pos;
    }

    public long bitPosition() {
        return pos;
    }
}
