package io.argus.server.api;

import io.argus.server.auth.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether the credential that opened a long-lived answer (a live WebSocket) still allows it, asked again now as a
 * new request would ask: the token or signed URL still valid (not revoked, logged out, expired, ended by a new
 * password), its user and tenant enabled, and the user still holding the route's action on the camera. A request
 * is checked once, when it arrives; an answer that lasts asks this periodically and ends when it says no.
 * {@link Guard} sets it on every camera route and every route for any logged-in user as the request attribute
 * {@link #ATTRIBUTE}.
 */
public final class Recheck {
    public static final String ATTRIBUTE = "argus.recheck";

    /**
     * A credential as {@link AuthFilter} found it: {@code key} names it (the bearer token with the tenant it acted
     * in, or the signed URL), {@code resolve} finds its principal again, empty once it no longer has one.
     */
    record Credential(String key, Supplier<Optional<Principal>> resolve) {
    }

    private final Credential credential;
    private final Predicate<Principal> allows;

    Recheck(Credential credential, Predicate<Principal> allows) {
        this.credential = credential;
        this.allows = allows;
    }

    /**
     * Whether the credential still allows the answer. {@code round} holds the principals already resolved in this
     * round of checks, by credential, so many sockets of one token cost one lookup.
     */
    public boolean stillAllowed(Map<String, Optional<Principal>> round) {
        return principal(round).isPresent();
    }

    /** The credential's principal as it is now, if it still allows the answer (a stream filters by it). */
    public Optional<Principal> principal(Map<String, Optional<Principal>> round) {
        return round.computeIfAbsent(credential.key(), k -> credential.resolve().get()).filter(allows);
    }
}
