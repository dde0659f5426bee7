package io.argus.server.api.access;

import java.time.Instant;

/** A bearer token for {@code Authorization: Bearer <token>} and when it stops working. */
public record LoginResponse(String token, Instant expiresAt) {
}
