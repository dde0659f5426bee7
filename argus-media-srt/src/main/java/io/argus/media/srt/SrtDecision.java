package io.argus.media.srt;

import io.argus.media.path.AccessGrant;
import java.util.Objects;

/**
 * What an {@link SrtAuthenticator} decided about a caller: allowed to publish into the path known by {@code pathKey}
 * for as long as {@code grant} holds, or refused with an SRT reject code ({@code SRT_REJX_*} of access_control.h,
 * 1000 + an HTTP status) and the reason in words for the log.
 */
public record SrtDecision(int rejectCode, String reason, String pathKey, AccessGrant grant) {
    /** No reject code: the caller is let in. */
    public static final int ACCEPT = 0;

    public SrtDecision {
        if ((rejectCode == ACCEPT) != (pathKey != null) || (pathKey != null) != (grant != null)) {
            throw new IllegalArgumentException("a path key and a grant come with, and only with, an allowed publish");
        }
    }

    public static SrtDecision allowed(String pathKey, AccessGrant grant) {
        return new SrtDecision(ACCEPT, null, Objects.requireNonNull(pathKey), Objects.requireNonNull(grant));
    }

    /** @param code an {@code SRT_REJX_*} code (at least 1000) */
    public static SrtDecision refused(int code, String reason) {
        if (code < 1000) {
            throw new IllegalArgumentException("application reject codes start at 1000: " + code);
        }
        return new SrtDecision(code, Objects.requireNonNull(reason), null, null);
    }

    public boolean allowed() {
        return rejectCode == ACCEPT;
    }
}
