package io.argus.server.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: at least {@code minLength} characters (NIST SP 800-63B §5.1.1.2: length, not
 * composition rules), not the username, and not one of the most common passwords. Applied to passwords users
 * set through the API and the CLI; the configured first-start admin password is the operator's choice.
 */
public record PasswordPolicy(int minLength) {
    /** At most 1024: Argon2 takes any length, but a megabyte "password" is only a way to burn CPU. */
    static final int MAX_LENGTH = 1024;

    /** The most common passwords of at least 12 characters (from public breach corpora); a short list on purpose. */
    private static final Set<String> COMMON = Set.of("123456789012", "1234567890123", "12345678901234",
            "passwordpassword", "password1234", "password12345", "qwertyuiopasdfgh", "qwertyuiop123",
            "1q2w3e4r5t6y", "iloveyou1234", "adminadmin123", "administrator", "letmein12345", "welcome12345",
            "changeme1234", "qwerty123456", "abc123456789", "111111111111", "000000000000", "aaaaaaaaaaaa",
            "1qaz2wsx3edc", "zaq12wsxcde3", "argusargus12", "password123!", "Password1234", "trustno1trustno1");

    public PasswordPolicy {
        if (minLength < 1 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("auth.password.minLength: must be 1.." + MAX_LENGTH);
        }
    }

    /** What is wrong with {@code password} for {@code username}, or empty if it may be used. */
    public Optional<String> problem(String username, String password) {
        if (password.length() < minLength) {
            return Optional.of("must be at least " + minLength + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            // A credential with CR, LF or NUL cannot be typed into an RTSP URL or a login form, and is how header
            // and log injection start; no credential field takes control characters.
            return Optional.of("must not contain control characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        if (COMMON.contains(password) || COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            return Optional.of("is too common or too simple");
        }
        return Optional.empty();
    }
}
