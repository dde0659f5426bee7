package io.argus.media.rtmp.server;

import io.argus.media.path.PathManager;
import io.argus.media.transport.TcpListeners;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The RTMP ingest server: publishers push into paths at {@code rtmp://host:1935/<path>?<credentials>} (see
 * {@link RtmpStreamKey}), and over TLS on a second port. Lifecycle: construct, {@link #start()}, {@link #close()}.
 */
public final class RtmpServer implements AutoCloseable {
    private final RtmpServerConfig config;
    private final PathManager paths;
    private final RtmpAuthenticator authenticator;
    private final TcpListeners tcp;
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
        this.tcp = new TcpListeners("rtmp", workerThreads);
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
        return tcp.bind(config.host(), port, new RtmpServerInitializer(this, tls), null);
    }

    /** The bound RTMP port (useful with port 0). */
    public int port() {
        return TcpListeners.port(listener);
    }

    /** The bound RTMPS port, or -1 without TLS. */
    public int tlsPort() {
        return tlsListener == null ? -1 : TcpListeners.port(tlsListener);
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
        tcp.close();
    }

    void register(Channel connection) {
        tcp.register(connection);
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
