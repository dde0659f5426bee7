package io.argus.metadata;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A bearer token's row: a login session ({@link #SESSION}, revoked by logout) or a named API token ({@link #API})
 * made by its user and limited to {@code scopes}.
 *
 * @param name   the API token's name; null for a login session
 * @param scopes the actions the token is limited to (within its user's), or null for all of the user's
 */
public record Session(UUID tenantId, UUID id, UUID userId, Instant createdAt, Instant expiresAt, String kind,
                      String name, Set<String> scopes) {
    public static final String SESSION = "session";
    public static final String API = "api";
}
