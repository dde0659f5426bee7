package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.crypto.SecretBox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONVIF devices (V9): passwords sealed in the row, cameras linked and removed with their camera, events listed. */
class OnvifDeviceRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;
    Database db;
    OnvifDeviceRepository devices;
    CameraRepository cameras;

    @BeforeEach
    void open() {
        db = Database.openEmbedded(dir);
        SecretBox box = new SecretBox(new KeyRing(new JdbcDataKeyStore(db.dataSource()),
                LocalKeyEncryptionKey.generate(), List.of(), Clock.systemUTC()));
        devices = new OnvifDeviceRepository(db.dataSource(), box);
        cameras = new CameraRepository(db.dataSource(), box);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void passwordIsSealedAndTheDeviceRoundTrips() throws SQLException {
        OnvifDevice d = new OnvifDevice(Tenants.DEFAULT_ID, UUID.randomUUID(), "http://10.0.0.7/onvif/device_service",
                "admin", "s3cret", "Axis", "P5655-E", "10.12", "ACCC8E000001", "8D3", "http://10.0.0.7/media", null,
                "http://10.0.0.7/ptz", "http://10.0.0.7/events", 93_000, T0);
        devices.insert(d);
        assertThat(devices.find(Tenants.DEFAULT_ID, d.id())).contains(d);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT password FROM onvif_devices")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith(SecretBox.PREFIX).doesNotContain("s3cret");
        }
        assertThatThrownBy(() -> devices.insert(new OnvifDevice(Tenants.DEFAULT_ID, UUID.randomUUID(), d.xaddr(),
                null, null, "", "", "", "", "", null, null, null, null, 0, T0))).isInstanceOf(DuplicateNameException.class);
        devices.updateClockOffset(Tenants.DEFAULT_ID, d.id(), -5);
        assertThat(devices.find(Tenants.DEFAULT_ID, d.id()).orElseThrow().clockOffsetMillis()).isEqualTo(-5);
    }

    @Test
    void camerasAndEventsFollowTheirDevice() {
        OnvifDevice d = new OnvifDevice(Tenants.DEFAULT_ID, UUID.randomUUID(), "http://10.0.0.8/onvif/device_service",
                "admin", "pw", "Argus", "Argus Sim", "1.0", "SIM00001", "argus-sim", null, null, null, null, 0, T0);
        devices.insert(d);
        Camera cam = new Camera(Tenants.DEFAULT_ID, UUID.randomUUID(), "sim/main", "rtsp://10.0.0.8/cam1", "admin",
                "pw", true, "auto", T0, T0);
        cameras.insert(cam);
        OnvifDevice.Camera link = new OnvifDevice.Camera(Tenants.DEFAULT_ID, cam.id(), d.id(), "main", "H264", 1920,
                1080, 25, true);
        devices.insertCamera(link);
        assertThat(devices.camera(Tenants.DEFAULT_ID, cam.id())).contains(link);
        devices.insertEvent(new OnvifDevice.Event(Tenants.DEFAULT_ID, UUID.randomUUID(), d.id(), "tns1:A", T0,
                "Changed", "Rule=r\n", "IsMotion=true\n", T0));
        devices.insertEvent(new OnvifDevice.Event(Tenants.DEFAULT_ID, UUID.randomUUID(), d.id(), "tns1:B",
                T0.plusSeconds(1), "Changed", "", "", T0));
        assertThat(devices.events(Tenants.DEFAULT_ID, d.id(), 10)).extracting(OnvifDevice.Event::topic)
                .containsExactly("tns1:B", "tns1:A");
        cameras.delete(Tenants.DEFAULT_ID, cam.id());
        assertThat(devices.camera(Tenants.DEFAULT_ID, cam.id())).isEmpty();
        assertThat(devices.delete(Tenants.DEFAULT_ID, d.id())).isTrue();
        assertThat(devices.events(Tenants.DEFAULT_ID, d.id(), 10)).isEmpty();
    }
}
