package io.argus.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.metadata.Database;
import io.argus.metadata.JdbcDataKeyStore;
import io.argus.metadata.Tenants;
import io.argus.server.config.CryptoConfig;
import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.crypto.SecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the master key comes from, and master key rotations cut short at each step. */
class NodeKeysTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.openEmbedded(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CryptoConfig file() {
        return new CryptoConfig(false, dir.resolve("master.key"), "");
    }

    @Test
    void keyFileIsMadeOwnerOnlyAndKeptAcrossStarts() throws Exception {
        NodeKeys first = NodeKeys.open(file(), db.dataSource(), Clock.systemUTC());
        assertThat(Files.getPosixFilePermissions(dir.resolve("master.key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String sealed = new SecretBox(first.ring()).seal(Tenants.DEFAULT_ID, "c", "pw");
        NodeKeys again = NodeKeys.open(file(), db.dataSource(), Clock.systemUTC());
        assertThat(again.ring().masterKeyId()).isEqualTo(first.ring().masterKeyId());
        assertThat(new SecretBox(again.ring()).open(Tenants.DEFAULT_ID, "c", sealed)).isEqualTo("pw");
    }

    @Test
    void environmentKeyIsUsedAndItsRotationNeedsTheNewKey() throws Exception {
        LocalKeyEncryptionKey env = LocalKeyEncryptionKey.generate();
        CryptoConfig c = new CryptoConfig(true, dir.resolve("master.key"), env.base64());
        NodeKeys keys = NodeKeys.open(c, db.dataSource(), Clock.systemUTC());
        assertThat(keys.ring().masterKeyId()).isEqualTo(env.id());
        assertThat(dir.resolve("master.key")).doesNotExist();
        keys.ring().active(Tenants.DEFAULT_ID);
        assertThatThrownBy(() -> keys.rotateMaster(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ARGUS_CRYPTO_MASTER_KEY");
        LocalKeyEncryptionKey next = LocalKeyEncryptionKey.generate();
        assertThat(keys.rotateMaster(next).rewrapped()).isEqualTo(1);
        assertThat(NodeKeys.open(new CryptoConfig(true, dir.resolve("master.key"), next.base64()), db.dataSource(),
                Clock.systemUTC()).ring().key(keys.ring().active(Tenants.DEFAULT_ID).id())).isNotNull();
        assertThatThrownBy(() -> NodeKeys.open(new CryptoConfig(true, dir.resolve("k"), "not base64!"),
                db.dataSource(), Clock.systemUTC())).hasMessageContaining("crypto.masterKey");
    }

    @Test
    void rotationCutShortBeforeItsCommitIsDroppedAndAfterItIsFinished() throws Exception {
        NodeKeys keys = NodeKeys.open(file(), db.dataSource(), Clock.systemUTC());
        String sealed = new SecretBox(keys.ring()).seal(Tenants.DEFAULT_ID, "c", "pw");
        String old = keys.ring().masterKeyId();

        // Crashed after writing master.key.next, before the transaction: the next start forgets the new key.
        LocalKeyEncryptionKey next = LocalKeyEncryptionKey.generate();
        next.writeNew(NodeKeys.nextFile(dir.resolve("master.key")));
        NodeKeys restarted = NodeKeys.open(file(), db.dataSource(), Clock.systemUTC());
        assertThat(restarted.ring().masterKeyId()).isEqualTo(old);
        assertThat(NodeKeys.nextFile(dir.resolve("master.key"))).doesNotExist();

        // Crashed after the transaction, before master.key was replaced: the next start finishes the rotation.
        LocalKeyEncryptionKey committed = LocalKeyEncryptionKey.generate();
        committed.writeNew(NodeKeys.nextFile(dir.resolve("master.key")));
        new KeyRing(new JdbcDataKeyStore(db.dataSource()), LocalKeyEncryptionKey.read(dir.resolve("master.key")),
                List.of(), Clock.systemUTC()).rotateMaster(committed);
        NodeKeys finished = NodeKeys.open(file(), db.dataSource(), Clock.systemUTC());
        assertThat(finished.ring().masterKeyId()).isEqualTo(committed.id());
        assertThat(LocalKeyEncryptionKey.read(dir.resolve("master.key")).id()).isEqualTo(committed.id());
        assertThat(new SecretBox(finished.ring()).open(Tenants.DEFAULT_ID, "c", sealed)).isEqualTo("pw");

        NodeKeys.MasterRotation r = finished.rotateMaster(null);
        assertThat(r.keyFile()).isEqualTo(dir.resolve("master.key"));
        assertThat(LocalKeyEncryptionKey.read(dir.resolve("master.key")).id()).isEqualTo(r.masterKeyId());
        assertThat(NodeKeys.nextFile(dir.resolve("master.key"))).doesNotExist();
    }
}
