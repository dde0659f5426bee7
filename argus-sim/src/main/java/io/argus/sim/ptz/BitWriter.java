package io.argus.sim.ptz;

import java.util.Arrays;

/** Writes an RBSP bit by bit, MSB first (H.264 §7.2: u(n), ue(v), se(v), rbsp_trailing_bits). */
final class BitWriter {
    private byte[] bytes;
    private int bit;

    BitWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** u(n): the low {@code n} bits of {@code value}, n ≤ 32. */
    BitWriter u(int n, long value) {
        for (int i = n - 1; i >= 0; i--) {
            flag(((value >>> i) & 1) != 0);
        }
        return this;
    }

    BitWriter flag(boolean one) {
        if ((bit >>> 3) == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        if (one) {
            bytes[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
        }
        bit++;
        return this;
    }

    /** ue(v), §9.1: Exp-Golomb. */
    BitWriter ue(long value) {
        long v = value + 1;
        int length = 64 - Long.numberOfLeadingZeros(v);
        u(length - 1, 0);
        return u(length, v);
    }

    /** se(v), §9.1.1: k > 0 as 2k - 1, k ≤ 0 as -2k. */
    BitWriter se(long value) {
        return ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    /** Zero bits up to the next byte boundary (pcm_alignment_zero_bit, cabac alignment). */
    BitWriter align() {
        bit = (bit + 7) & ~7;
        return this;
    }

    /** Whole bytes, at a byte boundary. */
    BitWriter bytes(byte[] b, int from, int length) {
        if (bytes.length < (bit >>> 3) + length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, (bit >>> 3) + length));
        }
        System.arraycopy(b, from, bytes, bit >>> 3, length);
        bit += length * 8;
        return this;
    }

    /** rbsp_trailing_bits (§7.3.2.11): a one, then zeros to the byte boundary; returns the RBSP. */
    byte[] finish() {
        flag(true);
        align();
        return Arrays.copyOf(bytes, bit >>> 3);
    }
}
