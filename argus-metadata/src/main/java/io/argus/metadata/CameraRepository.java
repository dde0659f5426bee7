package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Cameras of a tenant; names are unique per tenant. */
public final class CameraRepository {
    private static final String COLUMNS =
            "tenant_id, id, name, url, username, password, enabled, transport, created_at, updated_at";

    private final DataSource ds;

    public CameraRepository(DataSource ds) {
        this.ds = ds;
    }

    /** @throws DuplicateNameException if the name is taken in the tenant */
    public void insert(Camera cam) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cameras (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, cam.tenantId());
            ps.setObject(2, cam.id());
            ps.setString(3, cam.name());
            ps.setString(4, cam.url());
            ps.setString(5, cam.username());
            ps.setString(6, cam.password());
            ps.setBoolean(7, cam.enabled());
            ps.setString(8, cam.transport());
            Sql.setInstant(ps, 9, cam.createdAt());
            Sql.setInstant(ps, 10, cam.updatedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, cam.name());
        }
    }

    /**
     * Writes every field but the ids and the creation time.
     *
     * @return false if no such camera exists in the tenant
     * @throws DuplicateNameException if the new name is taken in the tenant
     */
    public boolean update(Camera cam) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE cameras SET name = ?, url = ?, username = ?, password = ?, enabled = ?, transport = ?,"
                        + " updated_at = ? WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, cam.name());
            ps.setString(2, cam.url());
            ps.setString(3, cam.username());
            ps.setString(4, cam.password());
            ps.setBoolean(5, cam.enabled());
            ps.setString(6, cam.transport());
            Sql.setInstant(ps, 7, cam.updatedAt());
            ps.setObject(8, cam.tenantId());
            ps.setObject(9, cam.id());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw translate(e, cam.name());
        }
    }

    /** @return false if no such camera exists in the tenant */
    public boolean delete(UUID tenantId, UUID id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM cameras WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new MetadataException("deleting camera failed", e);
        }
    }

    public Optional<Camera> find(UUID tenantId, UUID id) {
        List<Camera> found = query("SELECT " + COLUMNS + " FROM cameras WHERE tenant_id = ? AND id = ?", tenantId, id);
        return found.stream().findFirst();
    }

    /** The tenant's cameras ordered by name. */
    public List<Camera> list(UUID tenantId) {
        return query("SELECT " + COLUMNS + " FROM cameras WHERE tenant_id = ? ORDER BY name", tenantId);
    }

    /** Every tenant's cameras, for loading a node's paths at start-up. */
    public List<Camera> listAll() {
        return query("SELECT " + COLUMNS + " FROM cameras ORDER BY tenant_id, name");
    }

    private List<Camera> query(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Camera> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Camera(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                            rs.getString("name"), rs.getString("url"), rs.getString("username"),
                            rs.getString("password"), rs.getBoolean("enabled"), rs.getString("transport"),
                            Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "updated_at")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading cameras failed", e);
        }
    }

    private static MetadataException translate(SQLException e, String name) {
        if (Sql.isUniqueViolation(e)) {
            return new DuplicateNameException("camera name already in use: " + name, e);
        }
        return new MetadataException("writing camera failed", e);
    }
}
