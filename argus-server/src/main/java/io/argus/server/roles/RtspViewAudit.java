package io.argus.server.roles;

import io.argus.server.audit.AuditActions;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.Principal;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records RTSP and RTSPS readers in the audit log, one row per viewing session as for HLS, once
 * {@link RtspAccess} let them read. The append runs on the audit executor: this is called on an RTSP event loop.
 */
final class RtspViewAudit {
    private static final Logger LOG = LoggerFactory.getLogger(RtspViewAudit.class);
    /** The user name of a reader that sent no credentials (only with {@code rtsp.anonymousRead}). */
    static final String ANONYMOUS = "rtsp-anonymous";

    private final AuditLog log;
    private final Executor executor;

    RtspViewAudit(AuditLog log, Executor executor) {
        this.log = log;
        this.executor = executor;
    }

    /**
     * @param reader the authenticated user, or null for an anonymous reader
     * @param tenant the camera's tenant (the reader's own, as RTSP never crosses tenants)
     */
    void viewed(Principal reader, UUID tenant, UUID camera, InetSocketAddress client) {
        String ip = client == null ? null : client.getAddress().getHostAddress();
        AuditActor actor = reader == null ? new AuditActor(tenant, null, ANONYMOUS, ip)
                : new AuditActor(reader.tenantId(), reader.userId(), reader.username(), ip);
        executor.execute(() -> {
            try {
                log.recordView(actor, AuditActions.LIVE_VIEW, camera.toString(), Map.of("via", "rtsp"));
            } catch (RuntimeException e) {
                LOG.error("recording an RTSP view of {} in the audit log failed", camera, e);
            }
        });
    }
}
