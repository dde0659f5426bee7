package io.argus.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demultiplexes the muxed port by each datagram's first byte (RFC 7983 §7): 0–3 STUN, 20–63 DTLS, 128–191 RTP and
 * RTCP. Whatever arrives, the port stays open: a datagram that fails is counted and dropped, never thrown at the
 * channel.
 */
final class WebRtcPortHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcPortHandler.class);

    private final WebRtcServer server;

    WebRtcPortHandler(WebRtcServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (!content.isReadable()) {
            server.counters().dropped.increment();
            return;
        }
        int first = content.getUnsignedByte(content.readerIndex());
        try {
            byte[] data = ByteBufUtil.getBytes(content);
            if (first <= 3) {
                server.stun(ctx.channel(), packet.sender(), data);
            } else if (first >= 20 && first <= 63) {
                server.dtls(packet.sender(), data);
            } else if (first >= 128 && first <= 191) {
                server.rtcp(packet.sender(), data);
            } else {
                server.counters().dropped.increment();
            }
        } catch (RuntimeException e) {
            server.counters().dropped.increment();
            LOG.debug("dropped a datagram from {}: {}", packet.sender(), e.toString());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            server.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket reports ICMP errors (port unreachable from a viewer that left) as exceptions: not the
        // port's end.
        LOG.debug("WebRTC port {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
