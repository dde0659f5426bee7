package io.argus.metadata;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A role a tenant made for itself: a name and its permissions. */
public record CustomRole(UUID tenantId, UUID id, String name, String description, List<RolePermission> permissions,
                         Instant createdAt) {
    public CustomRole {
        permissions = List.copyOf(permissions);
    }
}
