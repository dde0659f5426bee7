package io.argus.server.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * Who did an audited thing.
 *
 * @param userId   null when no user is known (a failed login, an anonymous RTSP reader)
 * @param userName the user's name, the name a failed login tried, or a description such as {@code rtsp-anonymous}
 * @param sourceIp the client's address as this node saw it; null when there is none
 */
public record AuditActor(UUID tenantId, UUID userId, String userName, String sourceIp) {
    public AuditActor {
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /** Identifies the actor for de-duplicating views: the user, else the client address. */
    String viewerKey() {
        return userId != null ? userId.toString() : userName + "@" + sourceIp;
    }
}
