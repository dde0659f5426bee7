package io.argus.media.codec.bits;

import io.netty.buffer.ByteBuf;

/**
 * Emulation prevention (H.264 §7.4.1, H.265 §7.4.2): inside a NAL unit every {@code 00 00 0x} with x ≤ 3 is
 * written as {@code 00 00 03 0x}; these helpers remove and insert the {@code 03}.
 */
public final class Rbsp {

    /** Worst-case growth of escaping: one byte per two. */
    public static int maxEscapedLength(int rbspLength) {
        return rbspLength + (rbspLength + 1) / 2;
    }

    private Rbsp() {
    }

    /** The RBSP of {@code nal[from..to)}: a new array without emulation prevention bytes. */
    public static byte[] unescape(byte[] nal, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The RBSP of a NAL unit's readable bytes after its header. <b>Borrows</b> {@code nal}. */
    public static byte[] unescape(ByteBuf nal, int headerLength) {
        byte[] bytes = new byte[nal.readableBytes()];
        nal.getBytes(nal.readerIndex(), bytes);
        return unescape(bytes, Math.min(headerLength, bytes.length), bytes.length);
    }

    /**
     * Escapes {@code rbsp[from..to)} into {@code dst} at {@code dstOffset}, which must have room for
     * {@link #maxEscapedLength}. Allocates nothing.
     *
     * @return the number of bytes written
     */
    public static int escape(byte[] rbsp, int from, int to, byte[] dst, int dstOffset) {
        int n = dstOffset;
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int b = rbsp[i] & 0xff;
            if (zeros >= 2 && b <= 3) {
                dst[n++] = 3;
                zeros = 0;
            }
            dst[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n - dstOffset;
    }
}
