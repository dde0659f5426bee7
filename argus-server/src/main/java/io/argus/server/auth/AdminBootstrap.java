package io.argus.server.auth;

import io.argus.metadata.Tenants;
import io.argus.metadata.UserRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@code admin} user, a system admin, on the first start: when the default tenant has no system
 * admin and no user named admin (users added offline with {@code argus user add} before the first start do not
 * stop it). The password is the configured one, or a random one written once to
 * {@code <dataDir>/initial-admin-password}, readable only by the owner (0600). The password itself is never logged.
 */
public final class AdminBootstrap {
    public static final String ADMIN = "admin";
    public static final String PASSWORD_FILE = "initial-admin-password";

    /** The first user administers the whole system: it makes the tenants and their admins. */
    private static final List<String> ROLES = List.of(BuiltInRole.SYSTEM_ADMIN.id());

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    /** 18 random bytes: 144 bits, 24 URL-safe characters. */
    private static final int RANDOM_PASSWORD_BYTES = 18;

    private AdminBootstrap() {
    }

    /** @param configuredPassword empty for a random password */
    public static void ensureAdmin(UserRepository users, Path dataDir, String configuredPassword, Clock clock) {
        if (users.countWithRole(Tenants.DEFAULT_ID, BuiltInRole.SYSTEM_ADMIN.id()) > 0
                || users.findByUsername(Tenants.DEFAULT_ID, ADMIN).isPresent()) {
            return;
        }
        if (!configuredPassword.isEmpty()) {
            users.create(Tenants.DEFAULT_ID, ADMIN, configuredPassword, clock.instant(), ROLES);
            LOG.info("created user '{}' with the configured password (admin.password / ARGUS_ADMIN_PASSWORD)", ADMIN);
            return;
        }
        Path file = dataDir.resolve(PASSWORD_FILE);
        String password = writeOnce(file);
        users.create(Tenants.DEFAULT_ID, ADMIN, password, clock.instant(), ROLES);
        LOG.info("created user '{}'; its initial password is in {} (readable only by this account)", ADMIN, file);
    }

    /**
     * Writes a new random password to {@code file}, created 0600 so it is never readable by others, not even
     * briefly. If the file is already there (a start that stopped before creating the user), its password is
     * reused rather than overwritten.
     */
    private static String writeOnce(Path file) {
        try {
            byte[] raw = new byte[RANDOM_PASSWORD_BYTES];
            new SecureRandom().nextBytes(raw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return password;
        } catch (FileAlreadyExistsException e) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + file, ex);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
