package io.argus.server.roles;

import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.media.rtsp.server.RtspServerTls;
import io.argus.server.Role;
import io.argus.server.config.RtspConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** The RTSP server: re-streams every camera at {@code rtsp://host:port/<name or id>} and takes publishers. */
public final class RtspRole implements Role {
    /** RFC 2326 §12.37's default session timeout; UDP readers that stop sending keep-alives are dropped. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    private final RtspConfig config;
    private final String host;
    private final MediaRole media;
    private final TlsRole tls;
    private final AuditRole audit;
    private RtspServer server;
    private volatile int port;

    /**
     * @param host the bind address (the HTTP one: one node, one address)
     * @param tls  the certificate for RTSPS on {@code rtsps.port}, when TLS is on
     */
    public RtspRole(RtspConfig config, String host, MediaRole media, TlsRole tls, AuditRole audit) {
        this.audit = audit;
        this.config = config;
        this.host = host;
        this.media = media;
        this.tls = tls;
    }

    @Override
    public String name() {
        return "rtsp";
    }

    @Override
    public void start() throws GeneralSecurityException, SSLException {
        RtspServerTls rtsps = tls.material() == null ? null
                : new RtspServerTls(tls.config().rtspsPort(), tls.material().nettyServerContext());
        server = new RtspServer(new RtspServerConfig(host, config.port(), config.udpEnabled(), config.rtpPort(),
                config.rtcpPort(), SESSION_TIMEOUT), media.paths(), new RtspViewAudit(RtspAuthenticator.ALLOW_ALL, audit.log(),
                audit.background(), media.paths()), 0, rtsps);
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
    }

    /** The bound RTSPS port, or -1 without TLS. */
    public int rtspsPort() {
        return server.tlsPort();
    }

    /** The bound RTSP port (the configured one, or the one picked for port 0). */
    public int port() {
        return port;
    }
}
