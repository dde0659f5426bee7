package io.argus.server.auth;

/** The outcome of checking a media URL signature. */
public sealed interface MediaUrlCheck {

    /** Authentic and not expired. */
    record Valid(MediaGrant grant) implements MediaUrlCheck {
    }

    /** Authentic (this node's secret signed it) but past its expiry. */
    record Expired(MediaGrant grant) implements MediaUrlCheck {
    }

    /** Not a signature this node made: malformed, tampered with, or made with another secret. */
    record Invalid(String reason) implements MediaUrlCheck {
    }
}
