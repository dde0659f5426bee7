package io.argus.server.api;

import io.argus.server.auth.Principal;
import io.argus.server.auth.SessionRechecks;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether the credential that opened a long-lived answer (a live WebSocket) still allows it, asked again now as a
 * new request would ask: the token or signed URL still valid (not revoked, logged out, expired, ended by a new
 * password), its user and tenant enabled, and the user still holding the route's action on the camera. A request
 * is checked once, when it arrives; an answer that lasts is watched by {@link SessionRechecks} and ends when its
 * credential no longer allows it. {@link Guard} sets it on every camera route and every route for any logged-in user
 * as the request attribute {@link #ATTRIBUTE}.
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
     * This check, also requiring {@code more}: for a route that decides in its handler what its answer needs (a WHIP
     * publisher needs manage-cameras on the camera it found or created).
     */
    public Recheck and(Predicate<Principal> more) {
        return new Recheck(credential, allows.and(more));
    }

    /**
     * Has {@code rechecks} check the answer until the returned watch is closed, and run {@code end} once the
     * credential no longer allows it. Answers of one credential share its lookup.
     */
    public SessionRechecks.Watch watch(SessionRechecks rechecks, Runnable end) {
        return rechecks.watch(credential.key(), credential.resolve(), allows, end);
    }

    /**
     * As {@link #watch(SessionRechecks, Runnable)}, and hands each round's principal to {@code current} while it
     * still allows the answer: a stream that filters by what its caller may see now (cameras granted or taken away)
     * follows it.
     */
    public SessionRechecks.Watch watch(SessionRechecks rechecks, Consumer<Principal> current, Runnable end) {
        return rechecks.watch(credential.key(), credential.resolve(), allows, current, end);
    }
}
