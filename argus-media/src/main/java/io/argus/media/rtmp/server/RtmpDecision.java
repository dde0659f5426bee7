package io.argus.media.rtmp.server;

import java.util.Objects;

/**
 * What an {@link RtmpAuthenticator} decided about a publish: refused (wrong or missing credentials, or no right to
 * publish there), nothing there for this publisher, or allowed to the path known by {@code pathKey} in the server's
 * {@link io.argus.media.path.PathManager} (which may not exist yet: its publish creator gets the key).
 *
 * @param pathKey the path's key when allowed, else null
 */
public record RtmpDecision(Outcome outcome, String pathKey) {
    public enum Outcome { REFUSED, NOT_FOUND, ALLOWED }

    public static final RtmpDecision REFUSED = new RtmpDecision(Outcome.REFUSED, null);
    public static final RtmpDecision NOT_FOUND = new RtmpDecision(Outcome.NOT_FOUND, null);

    public RtmpDecision {
        Objects.requireNonNull(outcome);
        if ((outcome == Outcome.ALLOWED) != (pathKey != null)) {
            throw new IllegalArgumentException("a path key comes with, and only with, an allowed publish");
        }
    }

    public static RtmpDecision allowed(String key) {
        return new RtmpDecision(Outcome.ALLOWED, Objects.requireNonNull(key));
    }
}
