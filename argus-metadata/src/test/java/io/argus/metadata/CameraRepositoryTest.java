package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.crypto.SecretBox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class CameraRepositoryTest {
    @Parameter
    Engine engine;

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final UUID OTHER_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @TempDir
    Path dir;
    Database db;
    CameraRepository cameras;

    @BeforeEach
    void open() throws SQLException {
        db = engine.open(dir);
        cameras = new CameraRepository(db.dataSource(), new SecretBox(new KeyRing(new JdbcDataKeyStore(db.dataSource()),
                LocalKeyEncryptionKey.generate(), List.of(), Clock.systemUTC())));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO tenants (tenant_id, name, created_at) VALUES ('" + OTHER_TENANT
                    + "', 'other', CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Camera camera(UUID tenant, String name) {
        return new Camera(tenant, UUID.randomUUID(), name, "rtsp://10.0.0.9:554/s1", "user", "pw", true, "auto",
                T0, T0);
    }

    @Test
    void roundTripsEveryField() {
        Camera cam = camera(Tenants.DEFAULT_ID, "door");
        cameras.insert(cam);
        assertThat(cameras.find(Tenants.DEFAULT_ID, cam.id())).contains(cam);

        Camera push = new Camera(Tenants.DEFAULT_ID, UUID.randomUUID(), "pushed", null, null, null, false, "tcp",
                T0, T0);
        cameras.insert(push);
        assertThat(cameras.find(Tenants.DEFAULT_ID, push.id())).contains(push);
        assertThat(cameras.list(Tenants.DEFAULT_ID)).containsExactly(cam, push);
    }

    @Test
    void updatesAndDeletesWithinTheTenantOnly() {
        Camera cam = camera(Tenants.DEFAULT_ID, "door");
        cameras.insert(cam);
        Camera changed = new Camera(cam.tenantId(), cam.id(), "gate", "rtsp://10.0.0.10/s2", null, null, false,
                "udp", T0, T0.plusSeconds(5));
        assertThat(cameras.update(changed)).isTrue();
        assertThat(cameras.find(Tenants.DEFAULT_ID, cam.id())).contains(changed);

        assertThat(cameras.find(OTHER_TENANT, cam.id())).isEmpty();
        assertThat(cameras.delete(OTHER_TENANT, cam.id())).isFalse();
        assertThat(cameras.update(new Camera(OTHER_TENANT, cam.id(), "x", null, null, null, true, "auto", T0, T0)))
                .isFalse();

        assertThat(cameras.delete(Tenants.DEFAULT_ID, cam.id())).isTrue();
        assertThat(cameras.find(Tenants.DEFAULT_ID, cam.id())).isEmpty();
        assertThat(cameras.delete(Tenants.DEFAULT_ID, cam.id())).isFalse();
    }

    @Test
    void namesAreUniquePerTenant() {
        cameras.insert(camera(Tenants.DEFAULT_ID, "door"));
        cameras.insert(camera(OTHER_TENANT, "door"));
        assertThatThrownBy(() -> cameras.insert(camera(Tenants.DEFAULT_ID, "door")))
                .isInstanceOf(DuplicateNameException.class).hasMessageContaining("door");

        Camera gate = camera(Tenants.DEFAULT_ID, "gate");
        cameras.insert(gate);
        Camera clash = new Camera(gate.tenantId(), gate.id(), "door", gate.url(), null, null, true, "auto", T0, T0);
        assertThatThrownBy(() -> cameras.update(clash)).isInstanceOf(DuplicateNameException.class);
        assertThat(cameras.listAll()).hasSize(3);
    }
}
