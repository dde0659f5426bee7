package io.argus.media.rtsp.server;

import io.argus.media.path.PathManager;
import io.argus.media.transport.TcpListeners;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.io.IOException;

/**
 * The RTSP server: re-streams paths to readers and takes publishers. Lifecycle: construct, {@link #start()},
 * {@link #close()}. Readers address a path by id or name: {@code rtsp://host:8554/<id-or-name>}.
 */
public final class RtspServer implements AutoCloseable {

    static final String REALM = "Argus";
    static final String SERVER_NAME = "Argus";

    /**
     * Per-connection write buffer: above 1 MiB queued (about half a second of 16 Mbit/s video) the channel
     * turns unwritable, the reader stops draining and its stream skips it to the next keyframe.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);

    private final RtspServerConfig config;
    private final PathManager paths;
    private final RtspAuthenticator authenticator;
    private final TcpListeners tcp;
    private final RtspServerTls tls;
    private Channel listener;
    private Channel tlsListener;
    private RtspServerUdp udp;

    /**
     * @param workerThreads event loop threads for connections (0: Netty's default, twice the cores)
     */
    public RtspServer(RtspServerConfig config, PathManager paths, RtspAuthenticator authenticator,
                      int workerThreads) {
        this(config, paths, authenticator, workerThreads, null);
    }

    /**
     * @param workerThreads event loop threads for connections (0: Netty's default, twice the cores)
     * @param tls           RTSPS on a second port, or null for plain RTSP only
     */
    public RtspServer(RtspServerConfig config, PathManager paths, RtspAuthenticator authenticator,
                      int workerThreads, RtspServerTls tls) {
        this.tls = tls;
        this.config = config;
        this.paths = paths;
        this.authenticator = authenticator;
        this.tcp = new TcpListeners("rtsp", workerThreads);
    }

    /** Binds the RTSP port and, if UDP is enabled, the shared RTP/RTCP ports. */
    public synchronized void start() throws IOException {
        try {
            if (config.udp()) {
                udp = RtspServerUdp.bind(tcp.transport(), tcp.workers(), config.host(), config.rtpPort(), config.rtcpPort());
            }
            listener = bind(config.port(), null);
        } catch (RuntimeException e) {
            close();
            throw new IOException("cannot bind the RTSP server on " + config.host() + ":" + config.port()
                    + (config.udp() ? " (RTP " + config.rtpPort() + ")" : "") + ": " + e.getMessage(), e);
        }
        if (tls != null) {
            try {
                tlsListener = bind(tls.port(), tls);
            } catch (RuntimeException e) {
                close();
                throw new IOException("cannot bind the RTSPS server on " + config.host() + ":" + tls.port() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private Channel bind(int port, RtspServerTls withTls) {
        return tcp.bind(config.host(), port, new RtspServerInitializer(this, withTls == null ? null
                : withTls.context()), WATER_MARK);
    }

    /** The bound RTSP port (useful with port 0). */
    /**
     * The connections' event loops. A process that produces the streams it serves (the camera simulator) can
     * produce them on these loops too: a reader on the same loop as its stream's writer is then drained without a
     * thread hand-over, and the process has half the threads.
     */
    public EventLoopGroup workers() {
        return tcp.workers();
    }

    public int port() {
        return TcpListeners.port(listener);
    }

    /** The bound RTSPS port, or -1 without TLS. */
    public int tlsPort() {
        return tlsListener == null ? -1 : TcpListeners.port(tlsListener);
    }

    /** The bound shared RTP port, or -1 without UDP. */
    public int rtpPort() {
        return udp == null ? -1 : udp.rtpPort();
    }

    /** Stops accepting, closes every connection (publishers' paths hear it) and frees the ports. */
    @Override
    public synchronized void close() {
        tcp.close(() -> {
            if (udp != null) {
                udp.close();
            }
        });
    }

    /** Remembers a connection so that {@link #close()} closes it. */
    void register(Channel connection) {
        tcp.register(connection);
    }

    RtspServerConfig config() {
        return config;
    }

    PathManager paths() {
        return paths;
    }

    RtspAuthenticator authenticator() {
        return authenticator;
    }

    RtspServerUdp udp() {
        return udp;
    }
}
