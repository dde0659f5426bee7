package io.argus.server.roles;

import io.argus.metadata.CameraGroupRepository;
import io.argus.metadata.CameraRecordingRepository;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.Database;
import io.argus.metadata.RoleRepository;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.TokenRepository;
import io.argus.metadata.UserRepository;
import io.argus.server.auth.AdminBootstrap;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.LockoutConfig;
import io.argus.server.auth.LoginThrottle;
import io.argus.server.auth.Principals;
import io.argus.server.config.AuthConfig;
import io.argus.server.config.CryptoConfig;
import io.argus.server.config.MetadataConfig;
import io.argus.server.crypto.NodeKeys;
import io.argus.storage.crypto.SecretBox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database (migrated on start), the key hierarchy (master key, tenants' data keys), its repositories
 * (camera passwords sealed, old plaintext ones sealed on start), and the admin user on first start.
 */
public final class MetadataRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataRole.class);

    /**
     * How often the database's disk is checked: another process can fill it at any time, and the reserve helps only
     * if it is given back before the database's next write fails.
     */
    static final Duration DISK_CHECK = Duration.ofSeconds(1);

    private final NodeKeys keys;
    private final Database db;
    private final ScheduledExecutorService diskChecks;
    private final UserRepository users;
    private final TokenRepository tokens;
    private final CameraRepository cameras;
    private final CameraRecordingRepository recordingSettings;
    private final TenantRepository tenants;
    private final RoleRepository roles;
    private final CameraGroupRepository cameraGroups;
    private final AuthService authService;

    private MetadataRole(Database db, ScheduledExecutorService diskChecks, Path dataDir, AuthConfig auth,
                         CryptoConfig crypto, Clock clock) throws Exception {
        this.db = db;
        this.diskChecks = diskChecks;
        users = new UserRepository(db.dataSource());
        tokens = new TokenRepository(db.dataSource());
        keys = NodeKeys.open(crypto, db.dataSource(), clock);
        cameras = new CameraRepository(db.dataSource(), new SecretBox(keys.ring()));
        int sealed = cameras.sealPlaintextPasswords();
        if (sealed > 0) {
            LOG.info("sealed {} camera password(s) stored in the clear by an earlier version", sealed);
        }
        recordingSettings = new CameraRecordingRepository(db.dataSource());
        tenants = new TenantRepository(db.dataSource());
        roles = new RoleRepository(db.dataSource());
        cameraGroups = new CameraGroupRepository(db.dataSource());
        AdminBootstrap.ensureAdmin(users, dataDir, auth.adminPassword(), clock);
        authService = new AuthService(users, tenants, tokens, new Principals(users, tenants, roles, cameraGroups),
                new LoginThrottle(new LockoutConfig(auth.lockout().maxFailures(), auth.lockout().maxFailuresPerSource(),
                        auth.lockout().window(), auth.lockout().duration()), clock), clock, auth.tokenTtl(),
                auth.apiTokenMaxTtl());
    }

    /**
     * Opens (and migrates) the database in the data directory, opens the key hierarchy, seals what an earlier
     * version stored in the clear, and creates the first admin on a new node.
     */
    public static MetadataRole open(Path dataDir, MetadataConfig metadata, AuthConfig auth, CryptoConfig crypto,
                                    Clock clock) throws Exception {
        Database db = Database.open(dataDir, metadata.url(), metadata.user(), metadata.password());
        ScheduledExecutorService diskChecks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("argus-metadata-disk").daemon().factory());
        try {
            diskChecks.scheduleWithFixedDelay(db::checkDisk, DISK_CHECK.toMillis(), DISK_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
            return new MetadataRole(db, diskChecks, dataDir, auth, crypto, clock);
        } catch (Exception | Error e) {
            diskChecks.shutdownNow();
            db.close();
            throw e;
        }
    }

    @Override
    public void close() {
        diskChecks.shutdownNow();
        db.close();
    }

    /** Why the database cannot take changes for long (its disk is full), or empty. */
    public Optional<String> problem() {
        return db.problem();
    }
    /** The master key and the tenants' data keys. */
    public NodeKeys keys() {
        return keys;
    }

    public UserRepository users() {
        return users;
    }

    public TokenRepository tokens() {
        return tokens;
    }

    public CameraRepository cameras() {
        return cameras;
    }

    public CameraRecordingRepository recordingSettings() {
        return recordingSettings;
    }

    /** Logins with lockout, tokens and the principals behind them: one for HTTP and RTSP, so lockouts are shared. */
    public AuthService auth() {
        return authService;
    }

    public TenantRepository tenants() {
        return tenants;
    }

    public RoleRepository roles() {
        return roles;
    }

    public CameraGroupRepository cameraGroups() {
        return cameraGroups;
    }

    /** The database, for repositories that live with the roles that use them (the chunk index). */
    public Database database() {
        return db;
    }
}
