package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Each camera's analytics settings (migration V8) as the JSON document the API validated: the server parses it, the
 * store keeps it whole.
 */
public final class CameraAnalyticsRepository {
    /** A camera's stored settings. */
    public record Row(UUID tenant, UUID camera, String settings, Instant updated) {
    }

    private final DataSource ds;

    public CameraAnalyticsRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<Row> find(UUID tenant, UUID camera) {
        return query("SELECT tenant_id, camera_id, settings, updated_at FROM camera_analytics"
                + " WHERE tenant_id = ? AND camera_id = ?", tenant, camera).stream().findFirst();
    }

    /** Every camera's row (start-up, as system work). */
    public List<Row> listAll() {
        return TenantScope.system(() -> query("SELECT tenant_id, camera_id, settings, updated_at"
                + " FROM camera_analytics ORDER BY tenant_id, camera_id"));
    }

    /** Inserts or replaces the camera's row. */
    public void put(Row row) {
        new Jdbc(ds).tx(c -> {
            Jdbc.update(c, "DELETE FROM camera_analytics WHERE tenant_id = ? AND camera_id = ?", row.tenant(),
                    row.camera());
            return Jdbc.update(c, "INSERT INTO camera_analytics (tenant_id, camera_id, settings, updated_at)"
                    + " VALUES (?, ?, ?, ?)", row.tenant(), row.camera(), row.settings(), row.updated());
        });
    }

    public void delete(UUID tenant, UUID camera) {
        new Jdbc(ds).update("DELETE FROM camera_analytics WHERE tenant_id = ? AND camera_id = ?", tenant, camera);
    }

    private List<Row> query(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            Sql.getInstant(rs, "updated_at")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading analytics settings failed", e);
        }
    }
}
