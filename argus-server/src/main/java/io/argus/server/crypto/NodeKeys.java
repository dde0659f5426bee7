package io.argus.server.crypto;

import io.argus.metadata.JdbcDataKeyStore;
import io.argus.server.config.CryptoConfig;
import io.argus.storage.crypto.KeyEncryptionKey;
import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key and the data keys it wraps. The master key is {@code crypto.masterKey} (the environment) if
 * set, else the key file, made on first start.
 *
 * <p>Rotating a file master key is crash-safe: the new key is written to {@code <file>.next} first, the data keys
 * are re-wrapped in one transaction, then the new file replaces the old. A start that finds {@code .next} offers
 * both keys to the ring and finishes (or forgets) the rotation by which key the database holds.
 */
public final class NodeKeys {
    private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);

    private final CryptoConfig config;
    private final KeyRing ring;

    private NodeKeys(CryptoConfig config, KeyRing ring) {
        this.config = config;
        this.ring = ring;
    }

    public static NodeKeys open(CryptoConfig config, DataSource ds, Clock clock) throws IOException {
        JdbcDataKeyStore store = new JdbcDataKeyStore(ds);
        if (!config.masterKey().isEmpty()) {
            KeyEncryptionKey master;
            try {
                master = LocalKeyEncryptionKey.fromBase64(config.masterKey());
            } catch (IllegalArgumentException e) {
                throw new IOException("crypto.masterKey: " + e.getMessage(), e);
            }
            return new NodeKeys(config, new KeyRing(store, master, List.of(), clock));
        }
        Path file = config.masterKeyFile();
        Path next = nextFile(file);
        LocalKeyEncryptionKey master = LocalKeyEncryptionKey.readOrCreate(file);
        if (Files.exists(next)) {
            LocalKeyEncryptionKey pending = LocalKeyEncryptionKey.read(next);
            boolean committed = !store.all().isEmpty()
                    && store.all().stream().allMatch(k -> k.masterKeyId().equals(pending.id()));
            if (committed) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("finished a master key rotation cut short: {} is now the master key", pending.id());
                master = pending;
            } else {
                Files.delete(next);
                LOG.info("dropped {}: the master key rotation that wrote it never committed", next);
            }
        }
        return new NodeKeys(config, new KeyRing(store, master, List.of(), clock));
    }

    static Path nextFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".next");
    }

    public KeyRing ring() {
        return ring;
    }

    public boolean encryptRecordings() {
        return config.encryptRecordings();
    }

    /** What a master key rotation did. */
    public record MasterRotation(String masterKeyId, int rewrapped, Path keyFile) {
    }

    /**
     * Re-wraps every data key under a new master key; no video or secret is touched.
     *
     * @param next the new key, or null to make one (only for a file master key: a key from the environment is
     *             replaced by its operator, who must hand the new one in)
     * @throws IllegalStateException if the master key comes from the environment and no new key is given
     */
    public synchronized MasterRotation rotateMaster(LocalKeyEncryptionKey next) throws IOException {
        if (!config.masterKey().isEmpty()) {
            if (next == null) {
                throw new IllegalStateException("the master key comes from ARGUS_CRYPTO_MASTER_KEY: rotate it with "
                        + "'argus keys rotate-master --new-key-file FILE' on the stopped node, then set the "
                        + "variable to the new key");
            }
            return new MasterRotation(next.id(), ring.rotateMaster(next), null);
        }
        LocalKeyEncryptionKey key = next == null ? LocalKeyEncryptionKey.generate() : next;
        Path file = config.masterKeyFile();
        Path pending = nextFile(file);
        Files.deleteIfExists(pending);
        key.writeNew(pending);
        int n;
        try {
            n = ring.rotateMaster(key);
        } catch (RuntimeException e) {
            Files.deleteIfExists(pending);
            throw e;
        }
        Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("master key rotated to {}: {} data key(s) re-wrapped", key.id(), n);
        return new MasterRotation(key.id(), n, file);
    }

    /** Makes a new active data key for the tenant; chunks and secrets under older keys stay readable. */
    public UUID rotateData(UUID tenant) {
        UUID id = ring.rotateData(tenant).id();
        LOG.info("new data key {} for tenant {}", id, tenant);
        return id;
    }
}
