package io.argus.metadata;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A named set of cameras (a site, a floor): the unit permissions and later policies are given on. */
public record CameraGroup(UUID tenantId, UUID id, String name, Set<UUID> cameraIds, Instant createdAt) {
    public CameraGroup {
        cameraIds = Set.copyOf(cameraIds);
    }
}
