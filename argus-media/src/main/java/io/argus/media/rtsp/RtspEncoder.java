package io.argus.media.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes {@link RtspMessage}s (setting Content-Length from the body; never a line break inside a start line or
 * header) and {@link InterleavedFrame}s (a 4-byte header buffer followed by the frame's own content, passed on
 * without copying). Raw {@link ByteBuf}s pass through untouched: the server's hot path writes pre-framed packets.
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
        String start = switch (m) {
            case RtspRequest r -> r.method() + " " + r.uri() + " " + RtspMessage.VERSION;
            case RtspResponse r -> RtspMessage.VERSION + " " + r.status() + " " + r.reason();
        };
        refuseLineBreak("start line", start);
        m.headers().forEach((name, value) -> {
            refuseLineBreak("header name", name);
            refuseLineBreak(name + " header", value);
        });
        byte[] body = m.body().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctx.alloc().buffer(256 + body.length);
        ascii(buf, start + "\r\n");
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

    /**
     * Whatever put it there (a camera user name with CR LF, a Content-Base with a bare CR), a line break inside a
     * start line or header would end it early and let the rest pass as headers of its own (header injection): the
     * message is refused, and the write fails with an {@link io.netty.handler.codec.EncoderException}.
     */
    private static void refuseLineBreak(String what, String s) {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new RtspProtocolException("refused to send a line break in the " + what);
        }
    }

    private static void ascii(ByteBuf buf, String s) {
        ByteBufUtil.writeUtf8(buf, s);
    }
}
