package io.argus.server.config;

import java.time.Duration;

/**
 * API authentication.
 *
 * @param adminPassword the first start's admin password, or empty for a random one; never printed
 */
public record AuthConfig(Duration tokenTtl, String adminPassword) {
    /** Shorter tokens would make the UI log in again every few minutes for no security gain. */
    static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(1);

    public AuthConfig {
        if (tokenTtl.compareTo(MIN_TOKEN_TTL) < 0) {
            throw new IllegalArgumentException("auth.tokenTtl: must be at least 1m");
        }
    }

    @Override
    public String toString() {
        return "AuthConfig[tokenTtl=" + tokenTtl + ", adminPassword=" + (adminPassword.isEmpty() ? "" : "***") + "]";
    }
}
