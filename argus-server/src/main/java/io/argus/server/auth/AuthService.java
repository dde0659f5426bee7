package io.argus.server.auth;

import io.argus.metadata.IssuedToken;
import io.argus.metadata.PasswordHasher;
import io.argus.metadata.Session;
import io.argus.metadata.Tenant;
import io.argus.metadata.TenantScope;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.TokenRepository;
import io.argus.metadata.User;
import io.argus.metadata.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs users in (password → session token, with lockout), resolves bearer tokens to principals, and checks
 * passwords for protocols that carry them (RTSP Basic).
 */
public final class AuthService {
    /** The name of the tenant the first migration creates; logins name it when they name none. */
    public static final String DEFAULT_TENANT = "default";

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    /**
     * Checked against when the username does not exist, so a failed login takes as long either way and does not
     * reveal which usernames exist.
     */
    private static final String UNKNOWN_USER_HASH = PasswordHasher.hash("argus-unknown-user");

    private final UserRepository users;
    private final TenantRepository tenants;
    private final TokenRepository tokens;
    private final Principals principals;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Duration tokenTtl;

    public AuthService(UserRepository users, TenantRepository tenants, TokenRepository tokens, Principals principals,
                       LoginThrottle throttle, Clock clock, Duration tokenTtl) {
        this.users = users;
        this.tenants = tenants;
        this.tokens = tokens;
        this.principals = principals;
        this.throttle = throttle;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
    }

    /**
     * A new session token for a correct password of an enabled user in an enabled tenant. An old-format hash is
     * replaced by an Argon2id one on the way.
     *
     * @param tenantName the tenant's name
     * @param source     the client's address, for the per-source lockout
     */
    public LoginResult login(String tenantName, String username, String password, String source) {
        String key = tenantName + "/" + username;
        Optional<Duration> locked = throttle.locked(key, source);
        if (locked.isPresent()) {
            return new LoginResult.Locked(locked.get());
        }
        Optional<User> user = checkPassword(tenantName, username, password);
        if (user.isEmpty()) {
            throttle.failed(key, source);
            return new LoginResult.Rejected();
        }
        throttle.succeeded(key);
        TenantScope.system(() -> tokens.deleteExpired(clock.instant()));
        User u = user.get();
        return new LoginResult.Ok(TenantScope.as(u.tenantId(), () -> tokens.issue(u.tenantId(), u.id(),
                clock.instant(), tokenTtl)));
    }

    /** The user when the password is right and the user and tenant enabled; rehashes an old-format hash. */
    private Optional<User> checkPassword(String tenantName, String username, String password) {
        Optional<Tenant> tenant = tenants.findByName(tenantName);
        Optional<User> user = tenant.flatMap(t -> TenantScope.as(t.id(), () -> users.findByUsername(t.id(), username)));
        String stored = user.map(User::passwordHash).orElse(UNKNOWN_USER_HASH);
        boolean ok = PasswordHasher.verify(password, stored);
        if (!ok || user.isEmpty() || user.get().disabled() || tenant.get().disabled()) {
            return Optional.empty();
        }
        if (PasswordHasher.needsRehash(stored)) {
            User u = user.get();
            TenantScope.as(u.tenantId(), () -> users.setPasswordHash(u.tenantId(), u.id(), PasswordHasher.hash(password)));
            LOG.info("rehashed the password of user '{}' with Argon2id", username);
        }
        return user;
    }

    /**
     * The principal for a user name and password (RTSP Basic), with the same lockout as the login; empty when
     * wrong or locked. The user name may be {@code tenant/user} for another tenant than the default.
     */
    public Optional<Principal> principalFor(String qualifiedUser, String password, String source) {
        int slash = qualifiedUser.indexOf('/');
        String tenant = slash < 0 ? DEFAULT_TENANT : qualifiedUser.substring(0, slash);
        String username = qualifiedUser.substring(slash + 1);
        return login0(tenant, username, password, source).flatMap(u -> TenantScope.as(u.tenantId(),
                () -> principals.of(u.tenantId(), u.id(), null)));
    }

    private Optional<User> login0(String tenant, String username, String password, String source) {
        String key = tenant + "/" + username;
        if (throttle.locked(key, source).isPresent()) {
            return Optional.empty();
        }
        Optional<User> u = checkPassword(tenant, username, password);
        if (u.isEmpty()) {
            throttle.failed(key, source);
        } else {
            throttle.succeeded(key);
        }
        return u;
    }

    /** The principal of a valid, unexpired token whose user and tenant are enabled. */
    public Optional<Principal> authenticate(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        // A token names its tenant: found across tenants (by its hash), then resolved inside its own.
        return TenantScope.system(() -> tokens.find(token, clock.instant()))
                .flatMap(s -> TenantScope.as(s.tenantId(), () -> principals.of(s.tenantId(), s.userId(), s)));
    }

    /**
     * The principal a signed media URL acts for: its minting user as that user is now, in the URL's tenant
     * (another than the user's own only for a system admin).
     */
    public Optional<Principal> principal(UUID tenantId, UUID userId) {
        Optional<Principal> p = TenantScope.system(() -> users.findInAnyTenant(userId))
                .flatMap(u -> TenantScope.as(u.tenantId(), () -> principals.of(u.tenantId(), u.id(), null)));
        return p.filter(x -> x.homeTenant().equals(tenantId) || x.systemAdmin()).map(x -> x.in(tenantId));
    }

    /** The id of the tenant named {@code name}, enabled or not (the audit log files failed logins under it). */
    public Optional<UUID> tenantId(String name) {
        return tenants.findByName(name).map(Tenant::id);
    }

    public boolean tenantExists(UUID tenantId) {
        return tenants.find(tenantId).isPresent();
    }

    /** Revokes the session or token of {@code p} (logout). */
    public void logout(Principal p) {
        if (p.sessionId() != null) {
            tokens.revoke(p.homeTenant(), p.userId(), p.sessionId());
        }
    }

    /** A named API token for {@code p}'s user. */
    public IssuedToken issueApiToken(Principal p, String name, Set<String> scopes, Instant expiresAt) {
        return tokens.issueApi(p.homeTenant(), p.userId(), name, scopes, clock.instant(), expiresAt);
    }

    public TokenRepository tokens() {
        return tokens;
    }
}
