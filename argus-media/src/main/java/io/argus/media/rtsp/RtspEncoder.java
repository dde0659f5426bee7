package io.argus.media.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes {@link RtspMessage}s (setting Content-Length from the body) and {@link InterleavedFrame}s (a 4-byte
 * header buffer followed by the frame's own content, passed on without copying). Raw {@link ByteBuf}s pass
 * through untouched: the server's hot path writes pre-framed packets.
 */
@ChannelHandler.Sharable
public final class RtspEncoder extends MessageToMessageEncoder<Object> {

    public static final RtspEncoder INSTANCE = new RtspEncoder();

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof RtspMessage || msg instanceof InterleavedFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof InterleavedFrame frame) {
            ByteBuf header = ctx.alloc().buffer(InterleavedFrame.HEADER_LENGTH);
            InterleavedFrame.writeHeader(header, frame.channel(), frame.content().readableBytes());
            out.add(header);
            out.add(frame.content().retain());
            return;
        }
        RtspMessage m = (RtspMessage) msg;
        byte[] body = m.body().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctx.alloc().buffer(256 + body.length);
        switch (m) {
            case RtspRequest r -> ascii(buf, r.method() + " " + r.uri() + " " + RtspMessage.VERSION + "\r\n");
            case RtspResponse r -> ascii(buf, RtspMessage.VERSION + " " + r.status() + " " + r.reason() + "\r\n");
        }
        m.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                ascii(buf, name + ": " + value + "\r\n");
            }
        });
        if (body.length > 0) {
            ascii(buf, "Content-Length: " + body.length + "\r\n");
        }
        ascii(buf, "\r\n");
        buf.writeBytes(body);
        out.add(buf);
    }

    private static void ascii(ByteBuf buf, String s) {
        ByteBufUtil.writeUtf8(buf, s);
    }
}
