package io.argus.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's key for media URL signatures: the configured {@code media.urlSecret}, or 32 random bytes made on
 * the first start and kept in {@code <dataDir>/media-url-secret} (0600), so URLs stay valid across restarts.
 * Nodes that must accept each other's URLs need the same configured secret.
 */
public final class MediaUrlSecret {
    public static final String FILE = "media-url-secret";

    /** 256 bits: HMAC-SHA256's full strength. */
    static final int RANDOM_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(MediaUrlSecret.class);

    private MediaUrlSecret() {
    }

    /** @param configured the configured secret, or empty to use (and on the first start make) the file */
    public static byte[] load(Path dataDir, String configured) {
        if (!configured.isEmpty()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (secret.length < RANDOM_BYTES) {
                throw new IllegalStateException(file + " holds fewer than " + RANDOM_BYTES + " bytes; delete it to "
                        + "make a new one (every signed media URL becomes invalid)");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64; delete it to make a new one", e);
        }
    }

    /**
     * Writes the secret to a 0600 temporary file and moves it into place, so the file is never readable by
     * others and never seen half-written.
     */
    private static void create(Path file) throws IOException {
        byte[] raw = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(raw);
        Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("made a new media URL signing secret in {}", file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
