package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Per-camera recording settings over JDBC. */
public final class CameraRecordingRepository {
    private static final String COLUMNS =
            "tenant_id, camera_id, mode, pre_buffer_ms, post_buffer_ms, retention_days, updated_at";

    private final DataSource ds;

    public CameraRecordingRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<CameraRecording> find(UUID tenant, UUID camera) {
        List<CameraRecording> rows = query("SELECT " + COLUMNS
                + " FROM camera_recording WHERE tenant_id = ? AND camera_id = ?", tenant, camera);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public List<CameraRecording> listAll() {
        return query("SELECT " + COLUMNS + " FROM camera_recording ORDER BY tenant_id, camera_id");
    }

    /** Inserts or replaces the camera's row. */
    public void put(CameraRecording r) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM camera_recording WHERE tenant_id = ? AND camera_id = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO camera_recording (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                del.setObject(1, r.tenantId());
                del.setObject(2, r.cameraId());
                del.executeUpdate();
                ins.setObject(1, r.tenantId());
                ins.setObject(2, r.cameraId());
                ins.setString(3, r.mode());
                ins.setLong(4, r.preBuffer().toMillis());
                ins.setLong(5, r.postBuffer().toMillis());
                ins.setInt(6, r.retentionDays());
                ins.setTimestamp(7, Timestamp.from(r.updatedAt()));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MetadataException("cannot store recording settings of camera " + r.cameraId(), e);
        }
    }

    public void delete(UUID tenant, UUID camera) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM camera_recording WHERE tenant_id = ? AND camera_id = ?")) {
            ps.setObject(1, tenant);
            ps.setObject(2, camera);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new MetadataException("cannot delete recording settings of camera " + camera, e);
        }
    }

    private List<CameraRecording> query(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<CameraRecording> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CameraRecording(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), Duration.ofMillis(rs.getLong(4)), Duration.ofMillis(rs.getLong(5)),
                            rs.getInt(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new MetadataException("cannot read recording settings", e);
        }
    }
}
