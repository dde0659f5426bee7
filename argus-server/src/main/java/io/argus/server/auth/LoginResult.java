package io.argus.server.auth;

import io.argus.metadata.IssuedToken;
import java.time.Duration;

/** The outcome of a login attempt. */
public sealed interface LoginResult {
    /** Logged in: the new session token. */
    record Ok(IssuedToken token) implements LoginResult {
    }

    /** Wrong tenant, username or password, or a disabled user or tenant: the answer does not say which. */
    record Rejected() implements LoginResult {
    }

    /** Too many failures: refused without checking the password, try again after {@code retryAfter}. */
    record Locked(Duration retryAfter) implements LoginResult {
    }
}
