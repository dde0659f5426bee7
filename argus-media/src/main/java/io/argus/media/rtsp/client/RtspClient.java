package io.argus.media.rtsp.client;

import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceConnector;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.transport.NettyTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Pulls {@code rtsp://} sources. One event loop group is shared by every camera; each attempt is pinned to one
 * loop of it, which runs its TCP and UDP channels and is the writer thread of its stream.
 *
 * <p>Construct once per process, hand it to the {@link io.argus.media.path.PathManager} as a connector,
 * and {@link #close()} it after the paths.
 */
public final class RtspClient implements SourceConnector, AutoCloseable {

    private final NettyTransport transport;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final RtspClientConfig config;

    /** A client with its own event loop group of {@code threads} threads (0: Netty's default). */
    public RtspClient(RtspClientConfig config, int threads) {
        this.transport = NettyTransport.best();
        this.group = transport.newGroup(threads, new DefaultThreadFactory("rtsp-client"));
        this.ownsGroup = true;
        this.config = config;
    }

    /** A client on a shared group created from {@code transport}; {@link #close()} leaves the group running. */
    public RtspClient(RtspClientConfig config, NettyTransport transport, EventLoopGroup group) {
        this.transport = transport;
        this.group = group;
        this.ownsGroup = false;
        this.config = config;
    }

    @Override
    public boolean supports(SourceConfig source) {
        return "rtsp".equals(source.url().getScheme().toLowerCase(Locale.ROOT));
    }

    @Override
    public SourceAttempt connect(SourceConfig source, SourceListener listener, SourceCounters counters) {
        RtspClientAttempt attempt = new RtspClientAttempt(this, source, listener, counters, group.next());
        attempt.start();
        return attempt;
    }

    NettyTransport transport() {
        return transport;
    }

    RtspClientConfig config() {
        return config;
    }

    /** Stops the event loop group if this client created it; attempts still running end with it. */
    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
