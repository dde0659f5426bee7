package io.argus.media.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server side of RTMP's simple handshake (§5.2): reads C0 and C1, answers S0, S1 and S2 at once, reads C2, then
 * takes itself out of the pipeline and hands any bytes that followed C2 to the chunk decoder.
 *
 * <p>S1 says version 0 (bytes 4-7 zero), so ffmpeg, librtmp (OBS) and GStreamer do not look for the digest of the
 * Flash Player handshake in it, and S2 echoes C1, which is what those clients check, if anything. A C0 other than
 * 3 (6 is RTMPE, encrypted) is refused.
 */
public final class RtmpHandshake extends ChannelInboundHandlerAdapter {
    static final int VERSION = 3;
    static final int PACKET_BYTES = 1536;

    private final byte[] c1 = new byte[PACKET_BYTES];
    private int received;
    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (failed) {
                return;
            }
            if (received == 0 && in.isReadable()) {
                int version = in.readUnsignedByte();
                received = 1;
                if (version != VERSION) {
                    failed = true;
                    throw new RtmpProtocolException("RTMP version " + version + " is not supported (3 is; 6 is "
                            + "RTMPE, which is not)");
                }
            }
            int c1End = 1 + PACKET_BYTES;
            if (received < c1End && in.isReadable()) {
                int n = Math.min(c1End - received, in.readableBytes());
                in.readBytes(c1, received - 1, n);
                received += n;
                if (received == c1End) {
                    answer(ctx);
                }
            }
            int c2End = c1End + PACKET_BYTES;
            if (received >= c1End && received < c2End && in.isReadable()) {
                int n = Math.min(c2End - received, in.readableBytes());
                in.skipBytes(n);
                received += n;
            }
            if (received == c2End) {
                ctx.pipeline().remove(this);
                if (in.isReadable()) {
                    ctx.fireChannelRead(in.retain());
                }
            }
        } finally {
            in.release();
        }
    }

    private void answer(ChannelHandlerContext ctx) {
        ByteBuf out = ctx.alloc().buffer(1 + 2 * PACKET_BYTES);
        out.writeByte(VERSION);
        out.writeInt(0).writeInt(0);
        byte[] random = new byte[PACKET_BYTES - 8];
        ThreadLocalRandom.current().nextBytes(random);
        out.writeBytes(random);
        out.writeBytes(c1);
        ctx.writeAndFlush(out, ctx.voidPromise());
    }
}
