package io.argus.media.rtmp.server;

import io.argus.media.path.AccessGrant;
import java.util.Objects;

/**
 * What an {@link RtmpAuthenticator} decided about a publish: refused (wrong or missing credentials, or no right to
 * publish there), nothing there for this publisher, or allowed to the path known by {@code pathKey} in the server's
 * {@link io.argus.media.path.PathManager} (which may not exist yet: its publish creator gets the key).
 *
 * @param pathKey the path's key when allowed, else null
 * @param grant   what the session is let in on, watched while it runs, when allowed; else null
 */
public record RtmpDecision(Outcome outcome, String pathKey, AccessGrant grant) {
    public enum Outcome { REFUSED, NOT_FOUND, ALLOWED }

    public static final RtmpDecision REFUSED = new RtmpDecision(Outcome.REFUSED, null, null);
    public static final RtmpDecision NOT_FOUND = new RtmpDecision(Outcome.NOT_FOUND, null, null);

    public RtmpDecision {
        Objects.requireNonNull(outcome);
        if ((outcome == Outcome.ALLOWED) != (pathKey != null) || (pathKey != null) != (grant != null)) {
            throw new IllegalArgumentException("a path key and a grant come with, and only with, an allowed publish");
        }
    }

    /** Allowed, to the path known by {@code key}, for good. */
    public static RtmpDecision allowed(String key) {
        return allowed(key, AccessGrant.PERMANENT);
    }

    /** Allowed, to the path known by {@code key}, for as long as {@code grant} holds. */
    public static RtmpDecision allowed(String key, AccessGrant grant) {
        return new RtmpDecision(Outcome.ALLOWED, Objects.requireNonNull(key), Objects.requireNonNull(grant));
    }
}
