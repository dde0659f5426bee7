package io.argus.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A camera row.
 *
 * @param url       the source URL without credentials, or null for a camera fed by a publisher (push)
 * @param password  in the clear here; {@link CameraRepository} stores it sealed
 * @param transport {@code auto}, {@code tcp} or {@code udp}
 */
public record Camera(UUID tenantId, UUID id, String name, String url, String username, String password,
                     boolean enabled, String transport, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "Camera[" + id + ", " + name + ", " + url + ", enabled=" + enabled + "]";
    }
}
