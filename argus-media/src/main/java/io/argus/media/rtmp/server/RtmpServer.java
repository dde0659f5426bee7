package io.argus.media.rtmp.server;

import io.argus.media.path.PathManager;
import io.argus.media.transport.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The RTMP ingest server: publishers push into paths at {@code rtmp://host:1935/<path>?<credentials>} (see
 * {@link RtmpStreamKey}), and over TLS on a second port. Lifecycle: construct, {@link #start()}, {@link #close()}.
 */
public final class RtmpServer implements AutoCloseable {

    /** Quiet period of the worker loops at close, as the RTSP server's: lets closing streams finish detaching. */
    static final long CLOSE_QUIET_MILLIS = 100;

    private final RtmpServerConfig config;
    private final PathManager paths;
    private final RtmpAuthenticator authenticator;
    private final NettyTransport transport;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("rtmp-server", GlobalEventExecutor.INSTANCE);
    private final LongAdder refused = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private Channel listener;
    private Channel tlsListener;

    /** @param workerThreads event loop threads for connections (0: Netty's default, twice the cores) */
    public RtmpServer(RtmpServerConfig config, PathManager paths, RtmpAuthenticator authenticator,
                      int workerThreads) {
        this.config = config;
        this.paths = paths;
        this.authenticator = authenticator;
        this.transport = NettyTransport.best();
        this.boss = transport.newGroup(1, new DefaultThreadFactory("rtmp-accept"));
        this.workers = transport.newGroup(workerThreads, new DefaultThreadFactory("rtmp-server"));
    }

    /** Binds the RTMP port and, with TLS, the RTMPS port. */
    public synchronized void start() throws IOException {
        int port = config.port();
        try {
            listener = bind(port, null);
            if (config.tls() != null) {
                port = config.tlsPort();
                tlsListener = bind(port, config.tls());
            }
        } catch (RuntimeException e) {
            close();
            throw new IOException("cannot bind the RTMP" + (port == config.port() ? "" : "S") + " server on "
                    + config.host() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private Channel bind(int port, SslContext tls) {
        return new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .childOption(ChannelOption.ALLOCATOR, transport.allocator())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new RtmpServerInitializer(this, tls))
                .bind(config.host(), port).syncUninterruptibly().channel();
    }

    /** The bound RTMP port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The bound RTMPS port, or -1 without TLS. */
    public int tlsPort() {
        return tlsListener == null ? -1 : ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    /** Publishes refused since start: wrong or missing credentials, no such camera, a camera that takes none. */
    public long publishesRefused() {
        return refused.sum();
    }

    /** Connections closed for breaking the protocol (handshake, chunks, AMF) since start. */
    public long protocolErrors() {
        return protocolErrors.sum();
    }

    /** Stops accepting, closes every connection (publishers' paths hear it) and frees the ports. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (tlsListener != null) {
            tlsListener.close().syncUninterruptibly();
        }
        channels.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(CLOSE_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    void register(Channel connection) {
        channels.add(connection);
    }

    void refused() {
        refused.increment();
    }

    void protocolError() {
        protocolErrors.increment();
    }

    PathManager paths() {
        return paths;
    }

    RtmpAuthenticator authenticator() {
        return authenticator;
    }
}
