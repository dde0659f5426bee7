package io.argus.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A person or service that can log in. The password hash never leaves the metadata and auth code. A disabled
 * user cannot log in and its tokens stop working.
 */
public record User(UUID tenantId, UUID id, String username, String passwordHash, Instant createdAt,
                   boolean disabled) {
}
