package io.argus.server.config;

import java.time.Duration;

/**
 * API authentication.
 *
 * @param adminPassword  the first start's admin password, or empty for a random one; never printed
 * @param mediaUrlSecret the key for signed media URLs, or empty for the one kept in the data directory; never
 *                       printed
 * @param passwordMinLength shortest password users may set
 * @param rtspAnonymousRead whether RTSP readers need no credentials (labs)
 * @param apiTokenMaxTtl the longest an API token may live
 */
public record AuthConfig(Duration tokenTtl, String adminPassword, String mediaUrlSecret, Lockout lockout,
                         int passwordMinLength, boolean rtspAnonymousRead, Duration apiTokenMaxTtl) {
    /** Login lockout: {@code auth.lockout.*}. */
    public record Lockout(int maxFailures, int maxFailuresPerSource, Duration window, Duration duration) {
        public Lockout {
            if (maxFailures < 1 || maxFailuresPerSource < 1) {
                throw new IllegalArgumentException("auth.lockout.maxFailures and auth.lockout.maxFailuresPerSource: "
                        + "must be at least 1");
            }
            if (window.isZero() || duration.isZero()) {
                throw new IllegalArgumentException("auth.lockout.window and auth.lockout.duration: must be positive");
            }
        }
    }

    /** Shorter tokens would make the UI log in again every few minutes for no security gain. */
    static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(1);

    /** 32 characters of random text carry about 190 bits or more: enough for HMAC-SHA256. */
    static final int MIN_MEDIA_URL_SECRET = 32;

    /** API tokens are made for whole days ({@code expiresInDays}): a shorter limit would refuse every one. */
    static final Duration MIN_API_TOKEN_TTL = Duration.ofDays(1);

    /** Ten years: beyond it a "token" is a password that nobody rotates. */
    static final Duration MAX_API_TOKEN_TTL = Duration.ofDays(3650);

    public AuthConfig {
        if (tokenTtl.compareTo(MIN_TOKEN_TTL) < 0) {
            throw new IllegalArgumentException("auth.tokenTtl: must be at least 1m");
        }
        if (apiTokenMaxTtl.compareTo(MIN_API_TOKEN_TTL) < 0 || apiTokenMaxTtl.compareTo(MAX_API_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("auth.apiToken.maxTtl: must be 1d to 3650d");
        }
        if (passwordMinLength < 1 || passwordMinLength > 1024) {
            throw new IllegalArgumentException("auth.password.minLength: must be 1..1024");
        }
        if (!mediaUrlSecret.isEmpty() && mediaUrlSecret.length() < MIN_MEDIA_URL_SECRET) {
            throw new IllegalArgumentException("media.urlSecret: must be at least " + MIN_MEDIA_URL_SECRET
                    + " characters (or empty for a generated one)");
        }
    }

    @Override
    public String toString() {
        return "AuthConfig[tokenTtl=" + tokenTtl + ", adminPassword=" + (adminPassword.isEmpty() ? "" : "***")
                + ", mediaUrlSecret=" + (mediaUrlSecret.isEmpty() ? "" : "***") + ", lockout=" + lockout
                + ", passwordMinLength=" + passwordMinLength + ", rtspAnonymousRead=" + rtspAnonymousRead
                + ", apiTokenMaxTtl=" + apiTokenMaxTtl + "]";
    }
}
