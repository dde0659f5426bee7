package io.argus.media.rtsp.server;

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
 */
public record RtspDecision(Outcome outcome, String pathKey) {
    public enum Outcome { REFUSED, NOT_FOUND, ALLOWED }

    public static final RtspDecision REFUSED = new RtspDecision(Outcome.REFUSED, null);
    public static final RtspDecision NOT_FOUND = new RtspDecision(Outcome.NOT_FOUND, null);

    public RtspDecision {
        Objects.requireNonNull(outcome);
        if ((outcome == Outcome.ALLOWED) != (pathKey != null)) {
            throw new IllegalArgumentException("a path key comes with, and only with, an allowed request");
        }
    }

    /** Allowed, to the path known by {@code key}. */
    public static RtspDecision allowed(String key) {
        return new RtspDecision(Outcome.ALLOWED, Objects.requireNonNull(key));
    }
}
