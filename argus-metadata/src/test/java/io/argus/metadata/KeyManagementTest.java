package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.crypto.DataKey;
import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.KeyUnavailableException;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.crypto.SecretBox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Data keys in the real database: rotation of both levels, and camera passwords sealed in their column. */
@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class KeyManagementTest {
    @Parameter
    Engine engine;

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Database db;
    JdbcDataKeyStore store;
    LocalKeyEncryptionKey master = LocalKeyEncryptionKey.generate();

    @BeforeEach
    void open() {
        db = engine.open(dir);
        store = new JdbcDataKeyStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private KeyRing ring(LocalKeyEncryptionKey m) {
        return new KeyRing(store, m, List.of(), Clock.systemUTC());
    }

    private String column(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void masterRotationRewrapsEveryDataKeyAndDataRotationKeepsOldKeysReadable() throws Exception {
        KeyRing keys = ring(master);
        DataKey first = keys.active(Tenants.DEFAULT_ID);
        assertThat(keys.active(Tenants.DEFAULT_ID).id()).as("made once").isEqualTo(first.id());
        SecretBox box = new SecretBox(keys);
        String sealedOld = box.seal(Tenants.DEFAULT_ID, "x", "old secret");

        DataKey second = keys.rotateData(Tenants.DEFAULT_ID);
        assertThat(store.all()).hasSize(2);
        assertThat(store.active(Tenants.DEFAULT_ID).orElseThrow().id()).isEqualTo(second.id());
        String sealedNew = box.seal(Tenants.DEFAULT_ID, "x", "new secret");
        assertThat(sealedNew).contains(second.id().toString());

        LocalKeyEncryptionKey next = LocalKeyEncryptionKey.generate();
        assertThat(keys.rotateMaster(next)).isEqualTo(2);
        assertThat(store.all()).allSatisfy(r -> assertThat(r.masterKeyId()).isEqualTo(next.id()));

        SecretBox afresh = new SecretBox(ring(next));
        assertThat(afresh.open(Tenants.DEFAULT_ID, "x", sealedOld)).isEqualTo("old secret");
        assertThat(afresh.open(Tenants.DEFAULT_ID, "x", sealedNew)).isEqualTo("new secret");
        assertThatThrownBy(() -> afresh.open(Tenants.DEFAULT_ID, "y", sealedNew))
                .as("bound to its context").isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> new SecretBox(ring(master)).open(Tenants.DEFAULT_ID, "x", sealedOld))
                .as("the retired master key unwraps nothing").isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining(next.id());
    }

    @Test
    void cameraPasswordsAreSealedInTheColumnAndPlaintextRowsAreSealedOnStart() throws Exception {
        KeyRing keys = ring(master);
        CameraRepository cameras = new CameraRepository(db.dataSource(), new SecretBox(keys));
        UUID id = UUID.randomUUID();
        cameras.insert(new Camera(Tenants.DEFAULT_ID, id, "door", "rtsp://10.0.0.5/s1", "admin", "hunter2", true,
                "auto", T0, T0));
        String stored = column("SELECT password FROM cameras WHERE id = '" + id + "'");
        assertThat(stored).startsWith(SecretBox.PREFIX).doesNotContain("hunter2");
        assertThat(cameras.find(Tenants.DEFAULT_ID, id).orElseThrow().password()).isEqualTo("hunter2");

        UUID legacy = UUID.randomUUID();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO cameras (tenant_id, id, name, url, username, password, enabled, transport,"
                    + " created_at, updated_at) VALUES ('" + Tenants.DEFAULT_ID + "', '" + legacy + "', 'old', NULL,"
                    + " 'u', 'plain-pass', TRUE, 'auto', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        assertThat(cameras.sealPlaintextPasswords()).isEqualTo(1);
        assertThat(cameras.sealPlaintextPasswords()).isZero();
        assertThat(column("SELECT password FROM cameras WHERE id = '" + legacy + "'"))
                .startsWith(SecretBox.PREFIX).doesNotContain("plain-pass");
        assertThat(cameras.find(Tenants.DEFAULT_ID, legacy).orElseThrow().password()).isEqualTo("plain-pass");

        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE cameras SET password = '" + stored + "' WHERE id = '" + legacy + "'");
        }
        assertThatThrownBy(() -> cameras.find(Tenants.DEFAULT_ID, legacy)).as("a sealed value moved to another row")
                .isInstanceOf(KeyUnavailableException.class);
    }
}
