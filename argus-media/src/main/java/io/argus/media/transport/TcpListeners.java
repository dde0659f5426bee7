package io.argus.media.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TCP side every protocol server of a node shares in shape (RTSP, RTMP): one accept thread and a group of
 * worker loops on the process's {@link NettyTransport}, listening ports bound with the pooled allocator and no
 * Nagle delay, the open connections remembered, and one close that stops accepting, closes every connection
 * (publishers' paths hear it) and then stops the loops after a short quiet period.
 */
public final class TcpListeners implements AutoCloseable {
    /**
     * Quiet period of the worker loops at close: closing readers detach through their streams' writer threads,
     * which then hand the last release back to these loops; 100 ms lets that round trip finish.
     */
    static final long CLOSE_QUIET_MILLIS = 100;

    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup connections;
    private final List<Channel> listening = new ArrayList<>();

    /**
     * @param name          the protocol, for thread names ({@code <name>-accept}, {@code <name>-server})
     * @param workerThreads event loop threads for connections (0: Netty's default, twice the cores)
     */
    public TcpListeners(String name, int workerThreads) {
        this.boss = transport.newGroup(1, new DefaultThreadFactory(name + "-accept"));
        this.workers = transport.newGroup(workerThreads, new DefaultThreadFactory(name + "-server"));
        this.connections = new DefaultChannelGroup(name + "-server", GlobalEventExecutor.INSTANCE);
    }

    /**
     * Binds a listening port.
     *
     * @param waterMark the connections' write buffer bounds, or null for Netty's
     * @return the listening channel ({@link #port(Channel)} tells the port bound for port 0)
     * @throws RuntimeException when the port cannot be bound
     */
    public synchronized Channel bind(String host, int port, ChannelHandler connection, WriteBufferWaterMark waterMark) {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .childOption(ChannelOption.ALLOCATOR, transport.allocator())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(connection);
        if (waterMark != null) {
            b.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
        }
        Channel c = b.bind(host, port).syncUninterruptibly().channel();
        listening.add(c);
        return c;
    }

    /** The port a listening channel is bound to. */
    public static int port(Channel listener) {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Remembers a connection so that {@link #close(Runnable)} closes it. */
    public void register(Channel connection) {
        connections.add(connection);
    }

    public NettyTransport transport() {
        return transport;
    }

    /** The worker loops, for channels of the same server that are not TCP connections (RTSP's UDP ports). */
    public EventLoopGroup workers() {
        return workers;
    }

    @Override
    public void close() {
        close(() -> { });
    }

    /**
     * Stops accepting, closes every connection, runs {@code beforeLoopsStop} (closing what else runs on the
     * worker loops), then stops the loops.
     */
    public synchronized void close(Runnable beforeLoopsStop) {
        for (Channel c : listening) {
            c.close().syncUninterruptibly();
        }
        listening.clear();
        connections.close().syncUninterruptibly();
        beforeLoopsStop.run();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(CLOSE_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
