package io.argus.server.roles;

import io.argus.media.path.PathManager;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.metadata.Tenants;
import io.argus.server.audit.AuditActions;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records RTSP and RTSPS readers in the audit log (one row per viewing session, as for HLS) and then asks the
 * real authenticator. The append runs on the audit executor: this is called on an RTSP event loop.
 */
final class RtspViewAudit implements RtspAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RtspViewAudit.class);
    /** The user name of a reader that sent no credentials (RTSP readers need none until RTSP auth exists). */
    static final String ANONYMOUS = "rtsp-anonymous";

    private final RtspAuthenticator next;
    private final AuditLog log;
    private final Executor executor;
    private final PathManager paths;

    RtspViewAudit(RtspAuthenticator next, AuditLog log, Executor executor, PathManager paths) {
        this.next = next;
        this.log = log;
        this.executor = executor;
        this.paths = paths;
    }

    @Override
    public boolean authorize(Action action, String path, RtspCredentials credentials) {
        return next.authorize(action, path, credentials);
    }

    @Override
    public boolean authorize(Action action, String path, RtspCredentials credentials, InetSocketAddress client) {
        boolean ok = next.authorize(action, path, credentials, client);
        if (ok && action == Action.READ) {
            String camera = paths.get(path).map(io.argus.media.path.Path::id).orElse(path);
            String user = credentials == null || credentials.username() == null ? ANONYMOUS : credentials.username();
            AuditActor actor = new AuditActor(Tenants.DEFAULT_ID, null, user,
                    client == null ? null : client.getAddress().getHostAddress());
            executor.execute(() -> {
                try {
                    log.recordView(actor, AuditActions.LIVE_VIEW, camera, Map.of("via", "rtsp"));
                } catch (RuntimeException e) {
                    LOG.error("recording an RTSP view of {} in the audit log failed", camera, e);
                }
            });
        }
        return ok;
    }
}
