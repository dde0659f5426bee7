package io.argus.media.srt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.argus.media.path.AccessGrant;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceListener;
import io.argus.media.srt.internal.LibSrt;
import io.argus.media.srt.internal.SrtException;
import io.argus.media.srt.internal.SrtPoller;
import io.argus.media.srt.internal.SrtSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SRT listener: callers (ffmpeg, OBS, srt-live-transmit, field encoders) publish MPEG-TS into paths, naming the
 * camera and their credentials in the streamid ({@link SrtStreamId}). The {@link SrtAuthenticator} is asked during
 * the handshake, in libsrt's listen callback, so that a refusal reaches the caller as an SRT reject code; an
 * accepted caller then claims its path as an RTSP or RTMP publisher does.
 *
 * <p>Threads: libsrt's own (one receiver and one sender for the port, whatever the number of callers), and one
 * {@link SrtPoller} that reads, demuxes and publishes every connection: no thread per connection.
 */
public final class SrtServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtServer.class);

    /**
     * Longest wait for the authenticator in the handshake: the callback holds libsrt's receiver thread for the
     * port, so a slow check must not stall the other callers for long; a cached one answers at once. Past it the
     * caller is refused with "overloaded" and may try again.
     */
    public static final Duration DECISION_WAIT = Duration.ofSeconds(2);

    /** How publish creators are told who created a path. */
    static final String PROTOCOL = "SRT";

    /** Handshakes waiting to be accepted at once, as libsrt's own applications use. */
    private static final int BACKLOG = 16;

    private final SrtServerConfig config;
    private final Srt srt;
    private final SrtSockets sockets;
    private final PathManager paths;
    private final SrtAuthenticator authenticator;
    private final SrtPoller poller;
    private final LibSrt.ListenCallback callback = this::handshake;
    /**
     * Decisions made in the handshake, by the new socket, until the poller accepts it; one whose handshake failed
     * after the callback (a wrong passphrase) is dropped after {@link #PENDING_NANOS}.
     */
    private final Map<Integer, Pending> decided = new ConcurrentHashMap<>();
    /** Open connections by socket; poller thread only. */
    private final Map<Integer, Open> open = new HashMap<>();
    private final LongAdder refused = new LongAdder();
    private int listener = LibSrt.SRT_INVALID_SOCK;
    private int port;

    /** How long a decision waits for its socket to be accepted: libsrt's handshake takes a few round trips. */
    private static final long PENDING_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Pending(SrtDecision decision, long at) {
    }

    private record Open(SrtInput input, SrtConnection connection, AccessGrant.Watch watch) {
    }

    public SrtServer(Srt srt, SrtServerConfig config, PathManager paths, SrtAuthenticator authenticator)
            throws IOException {
        this.srt = srt;
        this.sockets = srt.sockets();
        this.config = config;
        this.paths = paths;
        this.authenticator = authenticator;
        try {
            this.poller = new SrtPoller(sockets.lib(), "srt-listener");
        } catch (SrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Binds the UDP port and starts taking callers. */
    public synchronized void start() throws IOException {
        LibSrt lib = sockets.lib();
        try {
            listener = sockets.create();
            sockets.setBoolean(listener, LibSrt.SRTO_RCVSYN, false);
            if (config.passphrase() != null) {
                sockets.setString(listener, LibSrt.SRTO_PASSPHRASE, config.passphrase());
                if (config.keyLength() != 0) {
                    sockets.setInt(listener, LibSrt.SRTO_PBKEYLEN, config.keyLength());
                }
            }
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
            byte[] address = SrtSockets.sockaddr(bind);
            if (lib.srt_bind(listener, address, address.length) == LibSrt.SRT_ERROR) {
                throw sockets.error("bind");
            }
            if (lib.srt_listen_callback(listener, callback, null) == LibSrt.SRT_ERROR) {
                throw sockets.error("srt_listen_callback");
            }
            if (lib.srt_listen(listener, BACKLOG) == LibSrt.SRT_ERROR) {
                throw sockets.error("listen");
            }
            IntByReference length = new IntByReference(address.length);
            byte[] bound = new byte[address.length];
            lib.srt_getsockname(listener, bound, length);
            port = (bound[2] & 0xff) << 8 | (bound[3] & 0xff);
            int l = listener;
            poller.execute(() -> {
                try {
                    poller.register(l, events -> acceptOne());
                } catch (SrtException e) {
                    LOG.error("SRT listener cannot be watched: {}", e.getMessage());
                }
            });
            poller.execute(this::refreshStats);
        } catch (SrtException | IOException e) {
            close();
            throw new IOException("cannot start the SRT listener on " + config.host() + ":" + config.port()
                    + "/udp: " + e.getMessage(), e);
        }
    }

    /** The bound UDP port (useful with port 0). */
    public int port() {
        return port;
    }

    /** Callers refused since start: streamid, credentials, rights, a camera that takes no publisher. */
    public long publishesRefused() {
        return refused.sum();
    }

    /**
     * libsrt's listen callback, on its receiver thread, before the handshake is answered: -1 refuses with the
     * reject code set on the socket. The passphrase is checked by libsrt after this, with the listener's.
     */
    private int handshake(Pointer opaque, int socket, int hsVersion, Pointer peer, String streamId) {
        InetSocketAddress client = SrtSockets.address(peer);
        SrtStreamId id = streamId == null || streamId.length() > SrtStreamId.MAX_LENGTH ? null
                : SrtStreamId.parse(streamId);
        SrtDecision decision;
        if (id == null) {
            decision = SrtDecision.refused(SrtRejectCodes.BAD_REQUEST, "malformed streamid");
        } else if (!id.publishes()) {
            decision = SrtDecision.refused(SrtRejectCodes.BAD_MODE, "Argus takes SRT publishers only (m=publish);"
                    + " watch over RTSP, HLS or WebSocket");
        } else {
            decision = decide(id, client);
        }
        if (!decision.allowed()) {
            refused.increment();
            LOG.info("SRT caller {} ({}) refused: {} ({})", client, id, decision.reason(),
                    SrtRejectCodes.describe(decision.rejectCode()));
            sockets.lib().srt_setrejectreason(socket, decision.rejectCode());
            return -1;
        }
        decided.put(socket, new Pending(decision, System.nanoTime()));
        return 0;
    }

    private SrtDecision decide(SrtStreamId id, InetSocketAddress client) {
        try {
            return authenticator.publish(id, client).toCompletableFuture()
                    .get(DECISION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return SrtDecision.refused(SrtRejectCodes.OVERLOAD, "credentials cannot be checked now; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SrtDecision.refused(SrtRejectCodes.OVERLOAD, "interrupted");
        } catch (Exception e) {
            LOG.warn("SRT publish to {} could not be authorized: {}", id.resource(), e.toString());
            return SrtDecision.refused(SrtRejectCodes.OVERLOAD, "credentials cannot be checked now; try again");
        }
    }

    /**
     * On the poller: takes one caller whose handshake is done. One per event: the listener stays ready while more
     * wait, and a second accept would only meet libsrt's "no pending connection" (which it logs as an error).
     */
    private void acceptOne() {
        byte[] address = new byte[28];
        IntByReference length = new IntByReference(address.length);
        int socket = sockets.lib().srt_accept(listener, address, length);
        if (socket == LibSrt.SRT_INVALID_SOCK) {
            return;
        }
        Memory peer = new Memory(address.length);
        peer.write(0, address, 0, address.length);
        Pending pending = decided.remove(socket);
        accepted(socket, SrtSockets.address(peer), pending == null ? null : pending.decision());
    }

    private void accepted(int socket, InetSocketAddress peer, SrtDecision decision) {
        if (decision == null) {
            sockets.lib().srt_close(socket);
            return;
        }
        Path target = paths.publishTarget(decision.pathKey(), PROTOCOL).orElse(null);
        SourceListener publisher = target == null ? null : target.acquirePublisher();
        if (publisher == null) {
            refused.increment();
            LOG.info("SRT caller {} refused: {}", peer, target == null
                    ? "no camera " + decision.pathKey() + ", and that is not a valid camera name"
                    : "camera " + target.name() + " pulls from its own source, is disabled, or has a publisher "
                            + "already; it takes no SRT publisher");
            sockets.lib().srt_close(socket);
            return;
        }
        SrtConnection connection = new SrtConnection(target.name(), peer, false);
        SrtInput input = new SrtInput(sockets, poller, socket, target.name(), target.counters(), publisher,
                reason -> ended(socket, reason));
        try {
            sockets.setBoolean(socket, LibSrt.SRTO_RCVSYN, false);
            poller.register(socket, input);
        } catch (SrtException e) {
            input.close("SRT socket cannot be read: " + e.getMessage());
            return;
        }
        AccessGrant.Watch watch = decision.grant().watch(() -> poller.execute(() -> input.close(
                "access revoked: the credentials or the right to publish to " + target.name() + " were taken back")));
        open.put(socket, new Open(input, connection, watch));
        srt.connections().opened(connection);
        LOG.info("SRT publisher {} feeds {}", peer, target.name());
    }

    private void ended(int socket, String reason) {
        Open o = open.remove(socket);
        if (o != null) {
            o.watch().close();
            srt.connections().closed(o.connection());
            LOG.info("SRT publisher of {} ended: {}", o.connection().camera(), reason);
        }
    }

    /** Once a second, on the poller: each connection's libsrt counters into its metrics. */
    private void refreshStats() {
        long now = System.nanoTime();
        decided.values().removeIf(p -> now - p.at() > PENDING_NANOS);
        for (Open o : open.values()) {
            o.connection().stats(o.input().stats());
        }
        if (listener != LibSrt.SRT_INVALID_SOCK) {
            poller.schedule(this::refreshStats, 1, TimeUnit.SECONDS);
        }
    }

    /** Stops taking callers, ends every connection (their paths hear it) and frees the port. */
    @Override
    public synchronized void close() {
        int l = listener;
        listener = LibSrt.SRT_INVALID_SOCK;
        try {
            poller.execute(() -> {
                poller.unregister(l);
                for (Open o : open.values().toArray(Open[]::new)) {
                    o.input().close("SRT server stopped");
                }
            });
        } finally {
            poller.close();
            if (l != LibSrt.SRT_INVALID_SOCK) {
                sockets.lib().srt_close(l);
            }
        }
    }
}
