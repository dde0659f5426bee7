package io.argus.media.rtsp.client;

import io.argus.media.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The RTP and RTCP sockets of one UDP track: an even port and the odd port above it (RFC 3550 §11), bound on
 * the attempt's event loop so packets arrive on the stream's writer thread.
 */
final class RtspClientUdp {

    /**
     * Attempts to find a free even/odd pair before giving up. Ports are picked at random among
     * {@link #FIRST_PORT}..{@link #LAST_PORT}; with a thousand cameras holding two ports each, a pick collides
     * 1 time in 10, so 32 tries fail about once in 10^32. (Asking the kernel for port 0 instead returns an odd
     * port about half the time, and 8 such tries failed in our tests.)
     */
    static final int BIND_TRIES = 32;

    /** Lowest RTP port: above the registered ports, below Linux's default ephemeral range (32768). */
    static final int FIRST_PORT = 10_000;

    /** Highest RTP port (even): RTCP takes the next one. */
    static final int LAST_PORT = 32_766;

    /** Socket receive buffer: 2 MiB absorbs a 1080p keyframe burst (~300 packets) without kernel drops. */
    static final int RECEIVE_BUFFER_BYTES = 2 << 20;

    interface Receiver {
        /** <b>Takes ownership</b> of {@code packet}. */
        void onUdp(int track, boolean rtcp, DatagramPacket packet);
    }

    private final Channel rtp;
    private final Channel rtcp;

    private RtspClientUdp(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    /** The RTCP socket: receiver reports go out from it, so the camera sees them come from the port we offered. */
    Channel rtcpChannel() {
        return rtcp;
    }

    void close() {
        rtp.close();
        rtcp.close();
    }

    /** Binds a pair; calls {@code done} on the loop with the pair, or null when no pair could be bound. */
    static void bind(NettyTransport transport, EventLoop loop, int track, Receiver receiver,
                     Consumer<RtspClientUdp> done) {
        tryBind(transport, loop, track, receiver, done, BIND_TRIES);
    }

    private static void tryBind(NettyTransport transport, EventLoop loop, int track, Receiver receiver,
                                Consumer<RtspClientUdp> done, int triesLeft) {
        if (triesLeft == 0) {
            done.accept(null);
            return;
        }
        int port = FIRST_PORT + 2 * ThreadLocalRandom.current().nextInt((LAST_PORT - FIRST_PORT) / 2 + 1);
        bootstrap(transport, loop, track, false, receiver).bind(port).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                tryBind(transport, loop, track, receiver, done, triesLeft - 1);
                return;
            }
            bootstrap(transport, loop, track, true, receiver).bind(port + 1).addListener((ChannelFuture g) -> {
                if (g.isSuccess()) {
                    done.accept(new RtspClientUdp(f.channel(), g.channel()));
                } else {
                    f.channel().close();
                    tryBind(transport, loop, track, receiver, done, triesLeft - 1);
                }
            });
        });
    }

    private static Bootstrap bootstrap(NettyTransport transport, EventLoop loop, int track, boolean isRtcp,
                                       Receiver receiver) {
        return new Bootstrap().group(loop).channel(transport.datagramChannel())
                .option(ChannelOption.ALLOCATOR, transport.allocator())
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>(false) {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                                receiver.onUdp(track, isRtcp, packet);
                            }
                        });
                    }
                });
    }
}
