package io.argus.server.roles;

import io.argus.metadata.AuditEntry;
import io.argus.metadata.Tenants;
import io.argus.server.audit.AuditActions;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.Principal;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records RTSP and RTSPS clients in the audit log: readers, one row per viewing session as for HLS, once
 * {@link RtspAccess} let them read; and failed logins, as {@link AuditActions#LOGIN} failed like HTTP's, with
 * {@code via: rtsp}, as are sessions ended because their access was revoked. Appends run on the audit executor:
 * this is called on RTSP event loops and check threads.
 */
final class RtspAudit {
    private static final Logger LOG = LoggerFactory.getLogger(RtspAudit.class);
    /** The user name of a reader that sent no credentials (only with {@code rtsp.anonymousRead}). */
    static final String ANONYMOUS = "rtsp-anonymous";

    /**
     * Failed logins of one user name from one address within this time make one row (the next row says how many
     * it stands for): a player retrying a wrong password all night, or a guesser, must not bury the log. HTTP
     * logins need no such thing, as each costs the client a request and lockout stops a guesser after a few.
     */
    static final Duration FAILED_LOGIN_WINDOW = Duration.ofMinutes(5);

    /** Above this many (user, address) windows the expired ones are swept; bounds the map whatever clients send. */
    private static final int FAILED_LOGIN_SWEEP_THRESHOLD = 10_000;

    private final String via;
    private final AuditLog log;
    private final Executor executor;
    private final Clock clock;
    private final Function<String, Optional<UUID>> tenantByName;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    /** A window of failed logins: when its row was written, and the failures since that no row shows. */
    private record Window(Instant start, int unrecorded) {
    }

    /**
     * @param via          the protocol the rows name ({@code rtsp}, or {@code rtmp} for RTMP publishers, whose
     *                     credentials the same checks take)
     * @param tenantByName a tenant's id by name ({@link AuthService#tenantId}); may block (runs on the executor)
     */
    RtspAudit(String via, AuditLog log, Executor executor, Clock clock,
              Function<String, Optional<UUID>> tenantByName) {
        this.via = via;
        this.log = log;
        this.executor = executor;
        this.clock = clock;
        this.tenantByName = tenantByName;
    }

    /**
     * @param reader the authenticated user acting in the camera's tenant, or null for an anonymous reader
     * @param tenant the camera's tenant
     */
    void viewed(Principal reader, UUID tenant, UUID camera, InetSocketAddress client) {
        String ip = client == null ? null : client.getAddress().getHostAddress();
        AuditActor actor = reader == null ? new AuditActor(tenant, null, ANONYMOUS, ip)
                : new AuditActor(reader.tenantId(), reader.userId(), reader.username(), ip);
        executor.execute(() -> {
            try {
                log.recordView(actor, AuditActions.LIVE_VIEW, camera.toString(), Map.of("via", via));
            } catch (RuntimeException e) {
                LOG.error("recording an RTSP view of {} in the audit log failed", camera, e);
            }
        });
    }

    /**
     * An open session ended because its credential no longer allows it (revoked, a new password, disabled, the right
     * removed): recorded as a refused login is, with the camera and why.
     *
     * @param user   the principal the session was let in as, in the camera's tenant
     * @param target the camera's id, or the path a publisher created
     */
    void revoked(Principal user, String target, boolean publisher, InetSocketAddress client) {
        String ip = client == null || client.getAddress() == null ? null : client.getAddress().getHostAddress();
        AuditActor actor = new AuditActor(user.tenantId(), user.userId(), user.username(), ip);
        Map<String, Object> details = new TreeMap<>(Map.of("via", via, "camera", target,
                "reason", (publisher ? "publisher" : "reader") + " ended: access revoked"));
        executor.execute(() -> {
            try {
                log.record(actor, AuditActions.LOGIN, "user", user.userId().toString(), AuditEntry.FAILED, details);
            } catch (RuntimeException e) {
                LOG.error("recording a revoked {} session of {} in the audit log failed", via, user.username(), e);
            }
        });
    }

    /**
     * A login that failed: wrong password or token, unknown, disabled or locked-out user. Filed, as HTTP files
     * failed logins, under the tenant the user name names ({@code tenant/user}) when it exists, else the default
     * tenant; never with the password.
     *
     * @param qualifiedUser the user name as sent, {@code user} or {@code tenant/user}
     * @param reason        why, in words
     */
    void loginFailed(String qualifiedUser, String source, String reason) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(FAILED_LOGIN_WINDOW);
        int[] unrecorded = {-1};
        failures.compute(qualifiedUser + "\u0000" + source, (k, w) -> {
            if (w != null && w.start().isAfter(windowStart)) {
                return new Window(w.start(), w.unrecorded() + 1);
            }
            unrecorded[0] = w == null ? 0 : w.unrecorded();
            return new Window(now, 0);
        });
        if (failures.size() > FAILED_LOGIN_SWEEP_THRESHOLD) {
            failures.values().removeIf(w -> !w.start().isAfter(windowStart));
        }
        if (unrecorded[0] < 0) {
            return;
        }
        int slash = qualifiedUser.indexOf('/');
        String tenantName = slash < 0 ? AuthService.DEFAULT_TENANT : qualifiedUser.substring(0, slash);
        String username = qualifiedUser.substring(slash + 1);
        Map<String, Object> details = new TreeMap<>(Map.of("via", via, "tenant", tenantName, "reason", reason));
        if (unrecorded[0] > 0) {
            details.put("earlierFailures", unrecorded[0]);
        }
        executor.execute(() -> {
            try {
                UUID tenant = tenantByName.apply(tenantName).orElse(Tenants.DEFAULT_ID);
                log.record(new AuditActor(tenant, null, username, source), AuditActions.LOGIN, "user", null,
                        AuditEntry.FAILED, details);
            } catch (RuntimeException e) {
                LOG.error("recording a failed RTSP login of {} in the audit log failed", username, e);
            }
        });
    }
}
