package io.argus.server.roles;

import io.argus.media.path.PathManager;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.media.rtsp.server.RtspServerTls;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.NodeTokenSigner;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.server.config.RtspConfig;
import io.argus.server.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The RTSP server: re-streams every camera at {@code rtsp://host:port/<name or id>} (in the reader's tenant;
 * {@code <tenant id>/<name or id>} for a system admin reading another) and takes publishers.
 */
public final class RtspRole implements AutoCloseable {
    /** RFC 2326 §12.37's default session timeout; UDP readers that stop sending keep-alives are dropped. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    private final RtspAccess access;
    private final RtspServer server;

    /**
     * Binds the RTSP port (and RTSPS, when TLS is on).
     *
     * @param host          the bind address (the HTTP one: one node, one address)
     * @param tls           the certificate for RTSPS on {@code rtspsPort}, empty when TLS is off
     * @param audit         where readers' viewing sessions are recorded
     * @param anonymousRead whether readers need no credentials ({@code rtsp.anonymousRead}, labs only)
     * @param nodeTokens    in a cluster, the check of other nodes' relay tokens
     */
    public RtspRole(RtspConfig config, String host, PathManager paths, CameraService cameras, AuthService auth,
                    Optional<TlsMaterial> tls, int rtspsPort, AuditRole audit, boolean anonymousRead,
                    SessionRechecks rechecks, Optional<NodeTokenSigner> nodeTokens, Clock clock)
            throws GeneralSecurityException, SSLException {
        RtspServerTls rtsps = tls.isEmpty() ? null : new RtspServerTls(rtspsPort, tls.get().nettyServerContext());
        access = new RtspAccess("rtsp", anonymousRead, auth, cameras, audit, rechecks, nodeTokens, clock);
        server = new RtspServer(new RtspServerConfig(host, config.port(), config.udpEnabled(), config.rtpPort(),
                config.rtcpPort(), SESSION_TIMEOUT), paths, access, 0, rtsps);
        try {
            server.start();
        } catch (IOException e) {
            access.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        access.close();
    }

    /** The bound RTSPS port, or -1 without TLS. */
    public int rtspsPort() {
        return server.tlsPort();
    }

    /**
     * Credential checks started since start (each of a password is one Argon2 hash): what pipelined and
     * concurrent requests with the same credentials share.
     */
    public long credentialChecks() {
        return access.credentialChecks();
    }

    /** Open sessions ended since start because their credential or right was taken back. */
    public long sessionsRevoked() {
        return access.sessionsRevoked();
    }

    /** The bound RTSP port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.port();
    }
}
