package io.argus.server.roles;

import io.argus.media.path.PathManager;
import io.argus.media.rtmp.server.RtmpServer;
import io.argus.media.rtmp.server.RtmpServerConfig;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.server.config.RtmpConfig;
import io.argus.server.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * RTMP ingest: publishers push to {@code rtmp://host:port/<camera>?user=…&pass=…} (or {@code ?token=…}), and over
 * TLS with the node's certificate on the RTMPS port; a new name creates the camera, as an RTSP publisher's does.
 */
public final class RtmpRole implements AutoCloseable {
    private final RtspAccess access;
    private final RtmpServer server;

    /**
     * Binds the RTMP port (and RTMPS, when TLS is on).
     *
     * @param host the bind address (the HTTP one: one node, one address)
     * @param tls  the certificate for RTMPS, empty when TLS is off
     */
    public RtmpRole(RtmpConfig config, String host, PathManager paths, CameraService cameras, AuthService auth,
                    Optional<TlsMaterial> tls, AuditRole audit, SessionRechecks rechecks, Clock clock)
            throws GeneralSecurityException, SSLException {
        access = new RtspAccess("rtmp", false, auth, cameras, audit, rechecks, Optional.empty(), clock);
        server = new RtmpServer(new RtmpServerConfig(host, config.port(), config.tlsPort(),
                tls.isEmpty() ? null : tls.get().nettyServerContext()), paths, new RtmpAccess(access), 0);
        try {
            server.start();
        } catch (IOException e) {
            access.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The bound RTMP port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.port();
    }

    /** The bound RTMPS port, or -1 without TLS. */
    public int rtmpsPort() {
        return server.tlsPort();
    }

    /** Publishes refused since start (credentials, permissions, cameras that take no publisher). */
    public long publishesRefused() {
        return server.publishesRefused();
    }

    /** Publishes ended since start because their credential or right was taken back. */
    public long publishesRevoked() {
        return access.sessionsRevoked();
    }

    @Override
    public void close() {
        server.close();
        access.close();
    }
}
