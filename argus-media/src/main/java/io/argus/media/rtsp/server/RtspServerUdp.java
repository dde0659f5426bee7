package io.argus.media.rtsp.server;

import io.argus.media.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's one RTP and one RTCP socket, shared by every UDP session (MediaMTX's design: two ports to open
 * in a firewall, not two per viewer). Readers' packets go out through {@link #rtp()}; publishers' packets are
 * routed by their source address to the session that registered it.
 */
final class RtspServerUdp {

    /** Socket buffers: 4 MiB holds ~2 s of a 16 Mbit/s burst for all sessions together. */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;

    /** Where a publisher's packets go; called on the UDP socket's loop, implementations hop to their own. */
    interface Target {
        /** <b>Takes ownership</b> of {@code packet}. */
        void onUdpPacket(ByteBuf packet, long receivedNanos);
    }

    private final Channel rtp;
    private final Channel rtcp;
    private final Map<InetSocketAddress, Target> routes = new ConcurrentHashMap<>();

    private RtspServerUdp(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** Binds both sockets (blocking; called from {@link RtspServer#start()}, not an event loop). */
    static RtspServerUdp bind(NettyTransport transport, EventLoopGroup group, String host, int rtpPort,
                              int rtcpPort) {
        RtspServerUdp[] self = new RtspServerUdp[1];
        Channel rtp = bootstrap(transport, group, (sender, packet, nanos) -> self[0].route(sender, packet, nanos))
                .bind(host, rtpPort).syncUninterruptibly().channel();
        int actualRtcp = rtpPort == 0 ? 0 : rtcpPort;
        Channel rtcp;
        try {
            rtcp = bootstrap(transport, group, (sender, packet, nanos) -> packet.release())
                    .bind(host, actualRtcp).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            rtp.close();
            throw e;
        }
        self[0] = new RtspServerUdp(rtp, rtcp);
        return self[0];
    }

    private interface Inbound {
        void packet(InetSocketAddress sender, ByteBuf packet, long nanos);
    }

    private static Bootstrap bootstrap(NettyTransport transport, EventLoopGroup group, Inbound inbound) {
        return new Bootstrap().group(group).channel(transport.datagramChannel())
                .option(ChannelOption.ALLOCATOR, transport.allocator())
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>(false) {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                                inbound.packet(p.sender(), p.content(), System.nanoTime());
                            }
                        });
                    }
                });
    }

    private void route(InetSocketAddress sender, ByteBuf packet, long nanos) {
        Target t = routes.get(sender);
        if (t == null) {
            packet.release();
        } else {
            t.onUdpPacket(packet, nanos);
        }
    }

    Channel rtp() {
        return rtp;
    }

    /** The RTCP socket: readers' sender reports go out through it, so they come from the advertised port. */
    Channel rtcp() {
        return rtcp;
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    void register(InetSocketAddress clientRtp, Target target) {
        routes.put(clientRtp, target);
    }

    void unregister(InetSocketAddress clientRtp) {
        routes.remove(clientRtp);
    }

    void close() {
        rtp.close().syncUninterruptibly();
        rtcp.close().syncUninterruptibly();
    }
}
