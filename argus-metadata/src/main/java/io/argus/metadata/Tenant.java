package io.argus.metadata;

import java.time.Instant;
import java.util.UUID;

/** A customer, site owner or department: every other row belongs to exactly one. A disabled one cannot log in. */
public record Tenant(UUID id, String name, boolean disabled, Instant createdAt) {
}
