package io.argus.media.codec.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/** RTP packet arrays as pooled direct buffers (so paranoid leak detection watches them), and rewrites. */
public final class Packets {

    private Packets() {
    }

    /** A new pooled direct buffer holding {@code bytes}; the caller owns it. */
    public static ByteBuf pooled(byte[] bytes) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        b.writeBytes(bytes);
        return b;
    }

    public static List<ByteBuf> pooled(List<byte[]> packets) {
        List<ByteBuf> out = new ArrayList<>(packets.size());
        for (byte[] p : packets) {
            out.add(pooled(p));
        }
        return out;
    }

    public static int sequence(byte[] p) {
        return ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    }

    public static long timestamp(byte[] p) {
        return ((p[4] & 0xffL) << 24) | ((p[5] & 0xffL) << 16) | ((p[6] & 0xffL) << 8) | (p[7] & 0xffL);
    }

    /** A copy with the sequence number, timestamp and SSRC replaced. */
    public static byte[] rewrite(byte[] p, int sequence, long timestamp, long ssrc) {
        byte[] c = p.clone();
        c[2] = (byte) (sequence >>> 8);
        c[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            c[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
            c[8 + i] = (byte) (ssrc >>> (24 - 8 * i));
        }
        return c;
    }

    /** The packets with sequence numbers from {@code firstSequence} and timestamps shifted to {@code firstTs}. */
    public static List<byte[]> renumber(List<byte[]> packets, int firstSequence, long firstTimestamp, long ssrc) {
        List<byte[]> out = new ArrayList<>();
        long ts0 = timestamp(packets.get(0));
        int seq0 = sequence(packets.get(0));
        for (byte[] p : packets) {
            int seq = (firstSequence + sequence(p) - seq0) & 0xffff;
            long ts = (firstTimestamp + timestamp(p) - ts0) & 0xffffffffL;
            out.add(rewrite(p, seq, ts, ssrc));
        }
        return out;
    }
}
