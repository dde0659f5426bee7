package io.argus.server.auth;

import io.argus.metadata.IssuedToken;
import io.argus.metadata.PasswordHasher;
import io.argus.metadata.Session;
import io.argus.metadata.Tenants;
import io.argus.metadata.TokenRepository;
import io.argus.metadata.User;
import io.argus.metadata.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Logs users in (password → token) and resolves bearer tokens to sessions. */
public final class AuthService {
    /**
     * Checked against when the username does not exist, so a failed login takes as long either way and does not
     * reveal which usernames exist.
     */
    private static final String UNKNOWN_USER_HASH = PasswordHasher.hash("argus-unknown-user");

    private final UserRepository users;
    private final TokenRepository tokens;
    private final Clock clock;
    private final Duration tokenTtl;

    public AuthService(UserRepository users, TokenRepository tokens, Clock clock, Duration tokenTtl) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
    }

    /** A new token for a correct username and password in the default tenant; empty otherwise. */
    public Optional<IssuedToken> login(String username, String password) {
        Optional<User> user = users.findByUsername(Tenants.DEFAULT_ID, username);
        boolean ok = PasswordHasher.verify(password, user.map(User::passwordHash).orElse(UNKNOWN_USER_HASH));
        if (!ok || user.isEmpty()) {
            return Optional.empty();
        }
        tokens.deleteExpired(clock.instant());
        User u = user.get();
        return Optional.of(tokens.issue(u.tenantId(), u.id(), clock.instant(), tokenTtl));
    }

    /** The session of a valid, unexpired token. */
    public Optional<Session> authenticate(String token) {
        return token.isEmpty() ? Optional.empty() : tokens.find(token, clock.instant());
    }
}
