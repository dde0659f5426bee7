package io.argus.metadata;

import java.time.Instant;
import java.util.UUID;

/** A person or service that can log in. The password hash never leaves the metadata and auth code. */
public record User(UUID tenantId, UUID id, String username, String passwordHash, Instant createdAt) {
}
