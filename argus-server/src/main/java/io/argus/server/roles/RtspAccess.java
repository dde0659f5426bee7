package io.argus.server.roles;

import static io.argus.server.auth.Action.MANAGE_CAMERAS;
import static io.argus.server.auth.Action.VIEW_LIVE;

import io.argus.media.path.AccessGrant;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.media.rtsp.server.RtspDecision;
import io.argus.metadata.Tenants;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.CheckedCredential;
import io.argus.server.auth.NodeRelayPrincipal;
import io.argus.server.auth.NodeTokenSigner;
import io.argus.server.auth.Principal;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.server.camera.TenantPath;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTSP authentication against Argus users: Basic with a user's password ({@code tenant/user} for a tenant other
 * than the default) or with an API or session token as the password. Readers need view-live on the camera,
 * publishers manage-cameras on it (or on their whole tenant to create a camera by pushing to a new path).
 *
 * <p>A URL's path is read in the user's own tenant ({@code rtsp://host/<camera name or id>}); a system admin reads
 * another tenant's cameras at {@code <tenant id>/<camera>}, as over HTTP with {@code X-Argus-Tenant}
 * ({@link TenantPath}). The path is resolved only once the credentials are known to be good, so a client that has
 * not authenticated gets the same 401 whether or not it exists, and a user gets 404 for a camera it cannot see.
 *
 * <p>Credentials are checked in {@link #prepare}, off the event loop, by {@link RtspCredentialChecks} (shared,
 * cached and bounded). Digest is not offered: only slow hashes of passwords are stored, and a client offered both
 * would pick Digest.
 *
 * <p>An open session (a reader after PLAY, a publisher after RECORD, an RTMP publish) is re-checked every second
 * by {@link SessionRechecks} and ended once its credential or its right is gone; its credential is then
 * dropped from the cache, so the cache never lets a revoked credential back in for more than one round.
 *
 * <p>A reader let in is recorded in the audit log ({@link RtspAudit}) as the user it authenticated as, in the
 * camera's tenant: the decision and the audit row come from the same principal. So is a failed login.
 */
final class RtspAccess implements RtspAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RtspAccess.class);
    private static final String FAILED = "wrong tenant, username, password or token, disabled, or locked out";

    private final AuthService auth;
    private final CameraService cameras;
    private final boolean anonymousRead;
    private final RtspAudit audit;
    private final RtspCredentialChecks checks;
    private final SessionRechecks rechecks;
    private final String via;
    private final Optional<NodeTokenSigner> nodeTokens;
    private final LongAdder revoked = new LongAdder();

    /**
     * @param via           the protocol, for the log and the audit rows ({@code rtsp}, {@code rtmp}, {@code srt})
     * @param anonymousRead whether readers need no credential (RTSP only; pushing protocols always need one)
     * @param rechecks      the node's re-check of open sessions
     * @param nodeTokens    in a cluster, the check of other nodes' relay tokens (docs/cluster.md)
     */
    RtspAccess(String via, boolean anonymousRead, AuthService auth, CameraService cameras, AuditRole audit,
               SessionRechecks rechecks, Optional<NodeTokenSigner> nodeTokens, Clock clock) {
        this.nodeTokens = nodeTokens;
        this.auth = auth;
        this.cameras = cameras;
        this.anonymousRead = anonymousRead;
        this.audit = new RtspAudit(via, audit.log(), audit.background(), clock, auth::tenantId);
        this.via = via;
        this.checks = new RtspCredentialChecks(this::check, clock, RtspCredentialChecks.THREADS,
                RtspCredentialChecks.QUEUE);
        this.rechecks = rechecks;
    }

    @Override
    public boolean offersDigest() {
        return false;
    }

    @Override
    public CompletionStage<Void> prepare(RtspCredentials credentials, String source) {
        return checks.prepare(credentials, source);
    }

    @Override
    public RtspDecision authorize(Action action, String path, RtspCredentials credentials,
                                  InetSocketAddress client) {
        if (credentials == null) {
            return action == Action.READ && anonymousRead ? anonymous(path, client)
                    : RtspDecision.REFUSED;
        }
        Optional<CheckedCredential> user = checks.credential(credentials);
        if (user.isEmpty()) {
            return RtspDecision.REFUSED;
        }
        Principal home = user.get().principal();
        TenantPath target = TenantPath.parse(path, home.tenantId()).orElse(null);
        boolean own = target != null && target.tenant().equals(home.tenantId());
        if (target == null || !own && !home.systemAdmin()) {
            return RtspDecision.NOT_FOUND;
        }
        Principal p = own ? home : home.in(target.tenant());
        Optional<UUID> camera = cameras.find(target.tenant(), target.name());
        boolean publish = action == Action.PUBLISH;
        if (camera.isEmpty()) {
            // Pushing to a new path creates a camera of that name in the publisher's own tenant.
            if (!publish || !own) {
                return RtspDecision.NOT_FOUND;
            }
            String created = target.relativeTo(Tenants.DEFAULT_ID);
            return p.can(MANAGE_CAMERAS) ? RtspDecision.allowed(created, grant(credentials, user.get(), p,
                    q -> q.can(MANAGE_CAMERAS), created, true, client)) : RtspDecision.REFUSED;
        }
        UUID id = camera.get();
        io.argus.server.auth.Action needed = publish ? MANAGE_CAMERAS : VIEW_LIVE;
        if (!p.can(needed, id)) {
            return p.sees(id) ? RtspDecision.REFUSED : RtspDecision.NOT_FOUND;
        }
        if (!publish) {
            audit.viewed(p, target.tenant(), id, client);
        }
        return RtspDecision.allowed(id.toString(), grant(credentials, user.get(), p, q -> q.can(needed, id),
                id.toString(), publish, client));
    }

    /**
     * The grant of a session let in as {@code p}: re-checked while it is open, in {@code p}'s tenant, for
     * {@code allows}; logged, audited and counted when it is taken back.
     */
    private AccessGrant grant(RtspCredentials credentials, CheckedCredential checked, Principal p,
                              Predicate<Principal> allows, String target, boolean publish, InetSocketAddress client) {
        UUID tenant = p.tenantId();
        boolean own = tenant.equals(p.homeTenant());
        String key = RtspCredentialChecks.key(credentials);
        return revoke -> rechecks.watch(key + " " + tenant, () -> checked.again().get()
                .filter(q -> own || q.systemAdmin()).map(q -> q.in(tenant)), allows, () -> {
                    // Forgotten first: the cache must not let the credential back in while the session ends.
                    checks.forget(key);
                    revoked.increment();
                    LOG.info("{} {} of {} from {} ended: the credentials of {} no longer allow it", via,
                            publish ? "publisher" : "reader", target, client, p.username());
                    try {
                        audit.revoked(p, target, publish, client);
                    } catch (RuntimeException e) {
                        LOG.error("recording the end of a revoked {} session failed", via, e);
                    }
                    revoke.run();
                })::close;
    }

    /** A reader without credentials, with {@code rtsp.anonymousRead}: it reads every tenant, as a system admin. */
    private RtspDecision anonymous(String path, InetSocketAddress client) {
        Optional<TenantPath> target = TenantPath.parse(path, Tenants.DEFAULT_ID);
        Optional<UUID> camera = target.flatMap(t -> cameras.find(t.tenant(), t.name()));
        if (camera.isEmpty()) {
            return RtspDecision.NOT_FOUND;
        }
        audit.viewed(null, target.get().tenant(), camera.get(), client);
        return RtspDecision.allowed(camera.get().toString());
    }

    /** One check, on a check thread: the password as a token, else as the user's password; failures audited. */
    private Optional<CheckedCredential> check(RtspCredentials credentials, String source) {
        Optional<String> password = credentials.basicPassword();
        if (password.isEmpty()) {
            audit.loginFailed(credentials.username(), source, "Digest is not accepted; use Basic");
            return Optional.empty();
        }
        if (NodeTokenSigner.looksLike(password.get())) {
            // Another node's relay: never tried as a user's token or password.
            Optional<CheckedCredential> relay = nodeTokens.flatMap(n -> n.verify(password.get()))
                    .flatMap(t -> NodeRelayPrincipal.of(t, cameras::tenantOf));
            if (relay.isEmpty()) {
                audit.loginFailed(credentials.username(), source, "a node token that is not valid here");
            }
            return relay;
        }
        Optional<CheckedCredential> p = auth.tokenCredential(password.get());
        if (p.isEmpty()) {
            p = auth.principalFor(credentials.username(), password.get(), source);
        }
        if (p.isEmpty()) {
            audit.loginFailed(credentials.username(), source, FAILED);
        }
        return p;
    }

    /** Credential checks started: each of a password costs one Argon2 hash. */
    long credentialChecks() {
        return checks.started();
    }

    /** Open sessions ended since start because their credential no longer allowed them. */
    long sessionsRevoked() {
        return revoked.sum();
    }

    void close() {
        checks.close();
    }
}
