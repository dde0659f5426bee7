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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs users in (password → session token, with lockout), resolves bearer tokens to principals, and checks
 * passwords for protocols that carry them (RTSP Basic).
 */
public final class AuthService {
    /** The name of the tenant the first migration creates; logins name it when they name none. */
    public static final String DEFAULT_TENANT = "default";

    /** An API token's life when its maker names none: a quarter, the usual rotation period for credentials. */
    static final int DEFAULT_API_TOKEN_DAYS = 90;

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
    private final Duration apiTokenMaxTtl;

    /**
     * @param tokenTtl       how long a login session lives
     * @param apiTokenMaxTtl the longest an API token may live (whole days count)
     */
    public AuthService(UserRepository users, TenantRepository tenants, TokenRepository tokens, Principals principals,
                       LoginThrottle throttle, Clock clock, Duration tokenTtl, Duration apiTokenMaxTtl) {
        this.users = users;
        this.tenants = tenants;
        this.tokens = tokens;
        this.principals = principals;
        this.throttle = throttle;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.apiTokenMaxTtl = apiTokenMaxTtl;
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
            String rehashed = PasswordHasher.hash(password);
            TenantScope.as(u.tenantId(), () -> users.setPasswordHash(u.tenantId(), u.id(), rehashed));
            LOG.info("rehashed the password of user '{}' with Argon2id", username);
            return Optional.of(new User(u.tenantId(), u.id(), u.username(), rehashed, u.createdAt(), u.disabled()));
        }
        return user;
    }

    /**
     * The principal for a user name and password (RTSP Basic), with the same lockout as the login; empty when
     * wrong or locked. The user name may be {@code tenant/user} for another tenant than the default. Found again
     * without the password (no hash to compute): empty once the user or tenant is disabled, the user deleted, or
     * its password changed since (the stored hash is no longer the one this password matched).
     */
    public Optional<CheckedCredential> principalFor(String qualifiedUser, String password, String source) {
        int slash = qualifiedUser.indexOf('/');
        String tenant = slash < 0 ? DEFAULT_TENANT : qualifiedUser.substring(0, slash);
        String username = qualifiedUser.substring(slash + 1);
        return login0(tenant, username, password, source).flatMap(u -> {
            Supplier<Optional<Principal>> again = () -> TenantScope.as(u.tenantId(),
                    () -> users.find(u.tenantId(), u.id()).filter(now -> now.passwordHash().equals(u.passwordHash()))
                            .flatMap(now -> principals.of(u.tenantId(), u.id(), null)));
            return again.get().map(p -> new CheckedCredential(p, again));
        });
    }

    /** {@link #authenticate} of a token, with how to find its principal again (as {@link #authenticate} does). */
    public Optional<CheckedCredential> tokenCredential(String token) {
        return authenticate(token).map(p -> new CheckedCredential(p, () -> authenticate(token)));
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
     * The principal a signed media URL acts for: the session or API token that minted it, while that token lives,
     * with its user's rights as they are now and its scopes, limited to the URL's actions, in the URL's tenant
     * (another than the user's own only for a system admin). Found like a bearer token (one lookup by the
     * token's key, then the user's rights), so each HLS segment costs what a bearer-token request costs.
     */
    public Optional<Principal> principal(MediaGrant g) {
        return TenantScope.system(() -> tokens.find(g.token(), clock.instant()))
                .filter(s -> s.userId().equals(g.user()))
                .flatMap(s -> TenantScope.as(s.tenantId(), () -> principals.of(s.tenantId(), s.userId(), s)))
                .filter(p -> p.homeTenant().equals(g.tenant()) || p.systemAdmin())
                .map(p -> p.in(g.tenant()).limitedTo(g.actions()));
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

    /**
     * A named API token for {@code p}'s user, limited to {@code scopes} (null: those of {@code p}'s own token, if
     * it has any); only actions {@code p} has may be scopes. It lives {@code days} days (null: the longest the
     * policy allows, at most {@link #DEFAULT_API_TOKEN_DAYS}), never longer than {@code auth.apiToken.maxTtl}, and
     * one made with an API token never outlives that token (revoking it must not leave a longer-lived copy).
     */
    public IssuedToken issueApiToken(Principal p, String name, List<String> scopes, Integer days) {
        Set<String> scoped = null;
        if (scopes != null) {
            scoped = new LinkedHashSet<>();
            Set<Action> mine = p.actions();
            for (String s : scopes) {
                Action a = Action.parse(s).filter(mine::contains).orElseThrow(() -> AccessException.invalid("scopes",
                        "must be actions you have (" + s + " is not one)"));
                scoped.add(a.id());
            }
        } else if (p.scopes() != null) {
            scoped = new LinkedHashSet<>(p.scopes().stream().map(Action::id).toList());
        }
        long maxDays = apiTokenMaxTtl.toDays();
        if (days != null && (days < 1 || days > maxDays)) {
            throw AccessException.invalid("expiresInDays", "must be 1 to " + maxDays + " days (the most "
                    + "auth.apiToken.maxTtl allows)");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofDays(days == null ? Math.min(DEFAULT_API_TOKEN_DAYS, maxDays) : days));
        Session parent = p.session();
        if (parent != null && Session.API.equals(parent.kind()) && expiresAt.isAfter(parent.expiresAt())) {
            if (days != null) {
                throw AccessException.invalid("expiresInDays", "would outlive the API token you made it with (it "
                        + "expires at " + parent.expiresAt() + ")");
            }
            expiresAt = parent.expiresAt();
        }
        return tokens.issueApi(p.homeTenant(), p.userId(), name, scoped, now, expiresAt);
    }

    public TokenRepository tokens() {
        return tokens;
    }
}
