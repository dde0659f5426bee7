package io.argus.server;

import io.argus.media.path.PathManager;
import io.argus.server.config.ArgusConfig;
import io.argus.server.roles.AuditRole;
import io.argus.server.roles.DataDirRole;
import io.argus.server.roles.HttpRole;
import io.argus.server.roles.MediaRole;
import io.argus.server.roles.MetadataRole;
import io.argus.server.roles.RecordingRole;
import io.argus.server.roles.RtspRole;
import io.argus.server.roles.TlsRole;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Argus node. {@link #start} brings the roles up in table order; {@link #close} takes them down in reverse.
 *
 * <p>Tests start one on free ports with {@code ArgusServer.start(ArgusConfig.ephemeral(tempDir, Map.of()))}
 * and read the bound port from {@link #httpPort()}.
 */
public final class ArgusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArgusServer.class);

    private final List<Role> roles;
    private final MediaRole media;
    private final RecordingRole recording;
    private final RtspRole rtsp;
    private final HttpRole http;
    private final Deque<Role> started = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean ready;

    private ArgusServer(ArgusConfig config, Clock clock) {
        MetadataRole metadata = new MetadataRole(config.dataDir(), config.auth(), config.crypto(), clock);
        this.media = new MediaRole(config.ingest(), metadata, () -> ownPorts(config), clock);
        this.recording = new RecordingRole(config.recording(), config.storage(), metadata, media, clock);
        TlsRole tls = new TlsRole(config.tls(), config.dataDir());
        AuditRole audit = new AuditRole(metadata, clock);
        this.rtsp = new RtspRole(config.rtsp(), config.http().host(), media, metadata, tls, audit,
                config.auth().rtspAnonymousRead(), clock);
        this.http = new HttpRole(config, metadata, media, recording, tls, audit, rtsp::port, clock,
                () -> ready ? metadata.problem() : Optional.of("starting or stopping"));
        // The role table: start order top to bottom, stop order bottom to top.
        this.roles = List.of(new DataDirRole(config.dataDir(), config.recording().dirs()), metadata, audit, tls, media,
                recording, rtsp, http);
    }

    public static ArgusServer start(ArgusConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** @param clock the time for token expiry and row timestamps (tests pass a controllable one) */
    public static ArgusServer start(ArgusConfig config, Clock clock) {
        ArgusServer s = new ArgusServer(config, clock);
        s.startRoles();
        return s;
    }

    private void startRoles() {
        for (Role r : roles) {
            try {
                r.start();
                started.push(r);
            } catch (Exception e) {
                stopRoles();
                throw new StartupException("cannot start " + r.name() + ": " + describe(e), e);
            }
        }
        ready = true;
        LOG.info("Argus is up: HTTP on port {}, RTSP on port {}{}", httpPort(), rtspPort(), httpsPort() < 0 ? ""
                : ", HTTPS on port " + httpsPort() + ", RTSPS on port " + rtspsPort());
    }

    /**
     * The TCP ports this node serves: the configured ones, and once every role is up the bound ones (a port
     * configured as 0 is picked when bound). No camera URL may point at them.
     */
    private Set<Integer> ownPorts(ArgusConfig config) {
        Set<Integer> ports = new HashSet<>(List.of(config.http().port(), config.rtsp().port()));
        if (config.tls().enabled()) {
            ports.addAll(List.of(config.tls().httpsPort(), config.tls().rtspsPort()));
        }
        if (ready) {
            ports.addAll(List.of(httpPort(), rtspPort(), httpsPort(), rtspsPort()));
        }
        return ports;
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return t == e || t.getMessage() == null || m.contains(t.getMessage()) ? m : m + " (" + t.getMessage() + ")";
    }

    /** The bound HTTP port (the one chosen by the system when configured as 0). */
    /** Recording: chunk store, index, bookmarks, recorder. */
    public RecordingRole recording() {
        return recording;
    }

    /** The bound RTSP port. */
    public int rtspPort() {
        return rtsp.port();
    }

    /** The RTSP role: its credential checks are what the RTSP authentication tests count. */
    public RtspRole rtsp() {
        return rtsp;
    }

    /** The HTTP role: its API's route tables are what the authorization matrix test enumerates. */
    public HttpRole http() {
        return http;
    }

    public int httpPort() {
        return http.port();
    }

    /** Every HTTP route as {@code METHOD path}. */
    public List<String> httpRoutes() {
        return http.routes();
    }

    /** The bound HTTPS port; -1 unless {@code tls.enabled}. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** The bound RTSPS port; -1 unless {@code tls.enabled}. */
    public int rtspsPort() {
        return rtsp.rtspsPort();
    }

    /** The node's paths, one per camera. */
    public PathManager paths() {
        return media.paths();
    }

    /** Closes the server when the JVM is asked to exit (Ctrl-C, SIGTERM). */
    public void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "argus-shutdown"));
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        ready = false;
        stopRoles();
        LOG.info("Argus stopped");
        closed.countDown();
    }

    private void stopRoles() {
        while (!started.isEmpty()) {
            Role r = started.pop();
            try {
                r.stop();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", r.name(), e.toString());
            }
        }
    }
}
