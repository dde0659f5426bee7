package io.argus.server.roles;

import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.metadata.Camera;
import io.argus.metadata.Tenants;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.Principal;
import io.argus.server.camera.CameraService;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTSP authentication against Argus users: Basic with a user's password ({@code tenant/user} for a tenant other
 * than the default) or with an API or session token as the password. Readers need view-live on the camera,
 * publishers manage-cameras on it (or on the whole default tenant to create a camera by pushing to a new path).
 *
 * <p>Passwords are checked in {@link #prepare}, on a virtual thread, never on the event loop; the outcome is kept
 * for {@link #CACHE_TTL} per credential so the several requests of one session (DESCRIBE, SETUP per track, PLAY)
 * cost one Argon2 check, and a role change reaches RTSP within that time. Digest is not offered: only slow hashes
 * of passwords are stored, and a client offered both would pick Digest.
 *
 * <p>A reader let in is recorded in the audit log ({@link RtspViewAudit}) as the user it authenticated as, in the
 * camera's tenant: the decision and the audit row come from the same principal.
 */
final class RtspAccess implements RtspAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RtspAccess.class);

    /** How long a checked credential is trusted before it is checked again. */
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    /** Most credentials remembered; past it the cache is cleared rather than grown. */
    static final int MAX_CACHED = 10_000;

    private final AuthService auth;
    private final PathManager paths;
    private final CameraService cameras;
    private final boolean anonymousRead;
    private final Clock clock;
    private final RtspViewAudit audit;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> cameraTenants = new ConcurrentHashMap<>();

    private record Checked(Optional<Principal> principal, Instant until) {
    }

    RtspAccess(AuthService auth, PathManager paths, CameraService cameras, boolean anonymousRead, Clock clock,
               RtspViewAudit audit) {
        this.auth = auth;
        this.audit = audit;
        this.paths = paths;
        this.cameras = cameras;
        this.anonymousRead = anonymousRead;
        this.clock = clock;
    }

    @Override
    public boolean offersDigest() {
        return false;
    }

    @Override
    public CompletionStage<Void> prepare(RtspCredentials credentials, String path, String source) {
        Optional<UUID> camera = path == null ? Optional.empty() : paths.get(path).map(p -> UUID.fromString(p.id()));
        boolean knowTenant = camera.isEmpty() || cameraTenants.containsKey(camera.get());
        Checked c = credentials == null ? null : checked.get(key(credentials));
        if ((credentials == null || c != null && c.until().isAfter(clock.instant())) && knowTenant) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                camera.ifPresent(this::learnTenant);
                if (credentials != null) {
                    check(credentials, source);
                }
            } catch (RuntimeException e) {
                LOG.warn("RTSP authentication failed for {}: {}", credentials == null ? "a request without "
                        + "credentials" : credentials.username(), e.toString(), e);
            }
        }, checks);
    }

    @Override
    public boolean authorize(Action action, String path, RtspCredentials credentials) {
        return authorize(action, path, credentials, null);
    }

    @Override
    public boolean authorize(Action action, String path, RtspCredentials credentials, InetSocketAddress client) {
        Optional<Path> target = paths.get(path);
        UUID camera = target.map(t -> UUID.fromString(t.id())).orElse(null);
        if (credentials == null) {
            boolean ok = action == Action.READ && anonymousRead;
            if (ok && camera != null && cameraTenants.get(camera) != null) {
                audit.viewed(null, cameraTenants.get(camera), camera, client);
            }
            return ok;
        }
        Checked c = checked.get(key(credentials));
        if (c == null || c.principal().isEmpty()) {
            return false;
        }
        Principal p = c.principal().get();
        if (camera == null) {
            // A new path: publishing creates a camera in the default tenant; reading gets 404 from the server.
            return action == Action.READ || p.tenantId().equals(Tenants.DEFAULT_ID)
                    && p.can(io.argus.server.auth.Action.MANAGE_CAMERAS);
        }
        io.argus.server.auth.Action needed = action == Action.READ ? io.argus.server.auth.Action.VIEW_LIVE
                : io.argus.server.auth.Action.MANAGE_CAMERAS;
        boolean ok = p.tenantId().equals(cameraTenants.get(camera)) && p.can(needed, camera);
        if (ok && action == Action.READ) {
            audit.viewed(p, p.tenantId(), camera, client);
        }
        return ok;
    }

    private void learnTenant(UUID camera) {
        for (Camera c : cameras.all().keySet()) {
            if (c.id().equals(camera)) {
                cameraTenants.put(camera, c.tenantId());
            }
        }
    }

    private void check(RtspCredentials credentials, String source) {
        Optional<Principal> p = Optional.empty();
        Optional<String> password = credentials.basicPassword();
        if (password.isPresent()) {
            p = auth.authenticate(password.get());
            if (p.isEmpty()) {
                p = auth.principalFor(credentials.username(), password.get(), source);
            }
        }
        if (checked.size() >= MAX_CACHED) {
            checked.clear();
        }
        checked.put(key(credentials), new Checked(p, clock.instant().plus(CACHE_TTL)));
    }

    /** The cache key: a hash of user name and password (Digest credentials never match, having no password). */
    private static String key(RtspCredentials c) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(c.username().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(c.basicPassword().orElse("\u0000digest").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java SE spec", e);
        }
    }

    void close() {
        checks.shutdown();
    }
}
