package io.argus.media.codec.rtp.internal;

import io.netty.buffer.ByteBuf;

/** Small buffer helpers for the payload formats. */
public final class ByteBufs {

    private ByteBufs() {
    }

    /** True if {@code buf}'s readable bytes equal {@code bytes}. <b>Borrows</b> {@code buf}; allocates nothing. */
    public static boolean contentEquals(ByteBuf buf, byte[] bytes) {
        int n = buf.readableBytes();
        if (n != bytes.length) {
            return false;
        }
        int ri = buf.readerIndex();
        for (int i = 0; i < n; i++) {
            if (buf.getByte(ri + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code buf}'s readable bytes, for parameter sets. <b>Borrows</b> {@code buf}. */
    public static byte[] toArray(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), out);
        return out;
    }
}
