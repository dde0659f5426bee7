package io.argus.metadata;

import java.time.Instant;
import java.util.UUID;

/** A logged-in API session, found by its bearer token. */
public record Session(UUID tenantId, UUID id, UUID userId, Instant createdAt, Instant expiresAt) {
}
