package io.argus.metadata;

import io.argus.storage.crypto.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * ONVIF devices, the cameras made from their profiles, and the events they reported (V9). Device passwords are
 * sealed with the tenant's data key bound to the device id ({@link SecretBox}), as camera passwords are.
 */
public final class OnvifDeviceRepository {
    private static final String COLUMNS = "tenant_id, id, xaddr, username, password, manufacturer, model, firmware,"
            + " serial, hardware_id, media_xaddr, media2_xaddr, ptz_xaddr, events_xaddr, clock_offset_ms, created_at";
    private static final String CAMERA_COLUMNS =
            "tenant_id, camera_id, device_id, profile_token, encoding, width, height, fps, ptz";
    private static final String EVENT_COLUMNS =
            "tenant_id, id, device_id, topic, event_time, operation, source, data, received_at";

    private final DataSource ds;
    private final SecretBox secrets;

    public OnvifDeviceRepository(DataSource ds, SecretBox secrets) {
        this.ds = ds;
        this.secrets = secrets;
    }

    private static String context(UUID device) {
        return "onvif_device/" + device + "/password";
    }

    /** @throws DuplicateNameException if the tenant already has a device at that address */
    public void insert(OnvifDevice d) {
        // Sealed before a connection is taken: sealing may read the tenant's data key through the same pool, and a
        // bulk add of more devices than the pool has connections, each holding one while it waits for a second,
        // would starve it (seen on PostgreSQL: every connection held, 18 waiting, 10 s timeouts).
        String sealed = secrets.seal(d.tenantId(), context(d.id()), d.password());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO onvif_devices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.setAll(ps, d.tenantId(), d.id(), d.xaddr(), d.username(), sealed, d.manufacturer(), d.model(),
                    d.firmware(), d.serial(), d.hardwareId(), d.mediaXaddr(), d.media2Xaddr(), d.ptzXaddr(),
                    d.eventsXaddr(), d.clockOffsetMillis(), d.createdAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateNameException("an ONVIF device at " + d.xaddr() + " is already added", e);
            }
            throw new MetadataException("writing an ONVIF device failed", e);
        }
    }

    public void updateClockOffset(UUID tenant, UUID id, long offsetMillis) {
        update("UPDATE onvif_devices SET clock_offset_ms = ? WHERE tenant_id = ? AND id = ?", offsetMillis, tenant, id);
    }

    public boolean delete(UUID tenant, UUID id) {
        return update("DELETE FROM onvif_devices WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    public Optional<OnvifDevice> find(UUID tenant, UUID id) {
        return devices("SELECT " + COLUMNS + " FROM onvif_devices WHERE tenant_id = ? AND id = ?", tenant, id)
                .stream().findFirst();
    }

    public List<OnvifDevice> list(UUID tenant) {
        return devices("SELECT " + COLUMNS + " FROM onvif_devices WHERE tenant_id = ? ORDER BY created_at, id", tenant);
    }

    /** Every tenant's devices, for the event pullers at start-up. */
    public List<OnvifDevice> listAll() {
        return devices("SELECT " + COLUMNS + " FROM onvif_devices ORDER BY tenant_id, created_at");
    }

    public void insertCamera(OnvifDevice.Camera c) {
        update("INSERT INTO onvif_device_cameras (" + CAMERA_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.tenantId(), c.cameraId(), c.deviceId(), c.profileToken(), c.encoding(), c.width(), c.height(),
                c.fps(), c.ptz());
    }

    /** The ONVIF profile behind a camera, if it came from a device. */
    public Optional<OnvifDevice.Camera> camera(UUID tenant, UUID cameraId) {
        return cameras("SELECT " + CAMERA_COLUMNS + " FROM onvif_device_cameras WHERE tenant_id = ? AND camera_id = ?",
                tenant, cameraId).stream().findFirst();
    }

    public List<OnvifDevice.Camera> cameras(UUID tenant, UUID deviceId) {
        return cameras("SELECT " + CAMERA_COLUMNS + " FROM onvif_device_cameras WHERE tenant_id = ? AND device_id = ?"
                + " ORDER BY profile_token", tenant, deviceId);
    }

    public void insertEvent(OnvifDevice.Event e) {
        update("INSERT INTO onvif_events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.tenantId(),
                e.id(), e.deviceId(), e.topic(), e.time(), e.operation(), e.source(), e.data(), e.receivedAt());
    }

    /** The device's latest events, newest first. */
    public List<OnvifDevice.Event> events(UUID tenant, UUID deviceId, int limit) {
        List<OnvifDevice.Event> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM onvif_events WHERE tenant_id = ? AND device_id = ? ORDER BY event_time DESC, received_at DESC"
                + " LIMIT ?")) {
            Sql.setAll(ps, tenant, deviceId, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OnvifDevice.Event(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), Sql.getInstant(rs, "event_time"),
                            rs.getString(6), rs.getString(7), rs.getString(8), Sql.getInstant(rs, "received_at")));
                }
            }
        } catch (SQLException e) {
            throw new MetadataException("reading ONVIF events failed", e);
        }
        return out;
    }

    private int update(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new MetadataException("writing ONVIF devices failed", e);
        }
    }

    private List<OnvifDevice> devices(String sql, Object... params) {
        List<OnvifDevice> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID tenant = rs.getObject("tenant_id", UUID.class);
                    UUID id = rs.getObject("id", UUID.class);
                    out.add(new OnvifDevice(tenant, id, rs.getString("xaddr"), rs.getString("username"),
                            rs.getString("password"), rs.getString("manufacturer"),
                            rs.getString("model"), rs.getString("firmware"), rs.getString("serial"),
                            rs.getString("hardware_id"), rs.getString("media_xaddr"), rs.getString("media2_xaddr"),
                            rs.getString("ptz_xaddr"), rs.getString("events_xaddr"), rs.getLong("clock_offset_ms"),
                            Sql.getInstant(rs, "created_at")));
                }
            }
        } catch (SQLException e) {
            throw new MetadataException("reading ONVIF devices failed", e);
        }
        // Opened once the connection is back in the pool, for the reason insert seals first.
        return out.stream().map(d -> new OnvifDevice(d.tenantId(), d.id(), d.xaddr(), d.username(),
                secrets.open(d.tenantId(), context(d.id()), d.password()), d.manufacturer(), d.model(), d.firmware(),
                d.serial(), d.hardwareId(), d.mediaXaddr(), d.media2Xaddr(), d.ptzXaddr(), d.eventsXaddr(),
                d.clockOffsetMillis(), d.createdAt())).toList();
    }

    private List<OnvifDevice.Camera> cameras(String sql, Object... params) {
        List<OnvifDevice.Camera> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OnvifDevice.Camera(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
                            rs.getInt(8), rs.getBoolean(9)));
                }
            }
        } catch (SQLException e) {
            throw new MetadataException("reading ONVIF cameras failed", e);
        }
        return out;
    }
}
