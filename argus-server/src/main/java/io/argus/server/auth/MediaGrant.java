package io.argus.server.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a signed media URL lets its holder do: read the media of one camera of one tenant until
 * {@code expiresAt}, and of its recordings only what lies between {@code from} and {@code to}; and never more
 * than the user who made it ({@code user}) may do at the time the URL is used.
 *
 * @param from earliest recorded time the URL may play, or null for no bound
 * @param to   latest recorded time the URL may play, or null for no bound
 */
public record MediaGrant(UUID tenant, UUID user, UUID camera, Instant expiresAt, Instant from, Instant to) {
    public MediaGrant {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
    }
}
