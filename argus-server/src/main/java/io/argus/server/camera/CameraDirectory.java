package io.argus.server.camera;

import io.argus.metadata.Camera;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every camera's tenant and name, in memory, so that a name in a URL finds its camera without the database: RTSP
 * resolves paths on an event loop. Names are unique per tenant, not across tenants. {@link CameraService} keeps
 * it in step with the rows, under its lock; readers need none.
 */
final class CameraDirectory {
    private record Key(UUID tenant, String name) {
    }

    private final Map<Key, UUID> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Key> byId = new ConcurrentHashMap<>();

    /** Adds a camera, or follows its rename. */
    void put(Camera c) {
        remove(c.id());
        Key k = new Key(c.tenantId(), c.name());
        byId.put(c.id(), k);
        byName.put(k, c.id());
    }

    void remove(UUID id) {
        Key k = byId.remove(id);
        if (k != null) {
            byName.remove(k, id);
        }
    }

    /** The tenant of the camera with this id. */
    Optional<UUID> tenantOf(UUID id) {
        return Optional.ofNullable(byId.get(id)).map(Key::tenant);
    }

    /** The id of {@code tenant}'s camera named {@code nameOrId}, or with that id. */
    Optional<UUID> find(UUID tenant, String nameOrId) {
        UUID byItsName = byName.get(new Key(tenant, nameOrId));
        if (byItsName != null) {
            return Optional.of(byItsName);
        }
        UUID id = TenantPath.uuid(nameOrId);
        Key k = id == null ? null : byId.get(id);
        return k != null && k.tenant().equals(tenant) ? Optional.of(id) : Optional.empty();
    }
}
