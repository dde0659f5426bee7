package io.argus.server.roles;

import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.media.rtsp.server.RtspServerTls;
import io.argus.server.Role;
import io.argus.server.config.RtspConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The RTSP server: re-streams every camera at {@code rtsp://host:port/<name or id>} (in the reader's tenant;
 * {@code <tenant id>/<name or id>} for a system admin reading another) and takes publishers.
 */
public final class RtspRole implements Role {
    /** RFC 2326 §12.37's default session timeout; UDP readers that stop sending keep-alives are dropped. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    private final RtspConfig config;
    private final String host;
    private final MediaRole media;
    private final MetadataRole metadata;
    private final TlsRole tls;
    private final AuditRole audit;
    private final boolean anonymousRead;
    private final Clock clock;
    private RtspAccess access;
    private RtspServer server;
    private volatile int port;

    /**
     * @param host          the bind address (the HTTP one: one node, one address)
     * @param tls           the certificate for RTSPS on {@code rtsps.port}, when TLS is on
     * @param audit         where readers' viewing sessions are recorded
     * @param anonymousRead whether readers need no credentials ({@code rtsp.anonymousRead}, labs only)
     */
    public RtspRole(RtspConfig config, String host, MediaRole media, MetadataRole metadata, TlsRole tls,
                    AuditRole audit, boolean anonymousRead, Clock clock) {
        this.config = config;
        this.host = host;
        this.media = media;
        this.metadata = metadata;
        this.tls = tls;
        this.audit = audit;
        this.anonymousRead = anonymousRead;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "rtsp";
    }

    @Override
    public void start() throws GeneralSecurityException, SSLException {
        access = new RtspAccess(metadata.auth(), media.cameras(), anonymousRead, clock,
                new RtspAudit(audit.log(), audit.background(), clock, metadata.auth()::tenantId));
        RtspServerTls rtsps = tls.material() == null ? null
                : new RtspServerTls(tls.config().rtspsPort(), tls.material().nettyServerContext());
        server = new RtspServer(new RtspServerConfig(host, config.port(), config.udpEnabled(), config.rtpPort(),
                config.rtcpPort(), SESSION_TIMEOUT), media.paths(), access, 0, rtsps);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        port = server.port();
    }

    @Override
    public void stop() {
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

    /** The bound RTSP port (the configured one, or the one picked for port 0). */
    public int port() {
        return port;
    }
}
