package io.argus.storage.crypto;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A data key as stored: wrapped by the master key {@code masterKeyId}. The active one of a tenant encrypts new
 * chunks and secrets; older ones stay to decrypt what they encrypted.
 */
public record DataKeyRecord(UUID id, UUID tenant, byte[] wrapped, String masterKeyId, Instant created,
                            boolean active) {
    public DataKeyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(masterKeyId, "masterKeyId");
        Objects.requireNonNull(created, "created");
    }
}
