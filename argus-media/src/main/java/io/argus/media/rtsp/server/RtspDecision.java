package io.argus.media.rtsp.server;

import io.argus.media.path.AccessGrant;
import java.util.Objects;

/**
 * What an {@link RtspAuthenticator} decided about one request: refused (the server answers 401 with its
 * challenges), nothing there for this client (404), or allowed to the path with this key in the server's
 * {@link io.argus.media.path.PathManager}. For a publisher the key may name no path yet: the path manager's
 * publish creator receives it.
 *
 * <p>The authenticator, not the server, turns the URL into a path, and only after it has checked who asks: a
 * client that has not authenticated gets the same 401 whether or not the path exists, and what a path name
 * means may depend on who asks (a tenant's own camera names).
 *
 * @param pathKey the path's key when allowed, else null
 * @param grant   what the session is let in on, watched while it runs, when allowed; else null
 */
public record RtspDecision(Outcome outcome, String pathKey, AccessGrant grant) {
    public enum Outcome { REFUSED, NOT_FOUND, ALLOWED }

    public static final RtspDecision REFUSED = new RtspDecision(Outcome.REFUSED, null, null);
    public static final RtspDecision NOT_FOUND = new RtspDecision(Outcome.NOT_FOUND, null, null);

    public RtspDecision {
        Objects.requireNonNull(outcome);
        if ((outcome == Outcome.ALLOWED) != (pathKey != null) || (pathKey != null) != (grant != null)) {
            throw new IllegalArgumentException("a path key and a grant come with, and only with, an allowed request");
        }
    }

    /** Allowed, to the path known by {@code key}, for good. */
    public static RtspDecision allowed(String key) {
        return allowed(key, AccessGrant.PERMANENT);
    }

    /** Allowed, to the path known by {@code key}, for as long as {@code grant} holds. */
    public static RtspDecision allowed(String key, AccessGrant grant) {
        return new RtspDecision(Outcome.ALLOWED, Objects.requireNonNull(key), Objects.requireNonNull(grant));
    }
}
