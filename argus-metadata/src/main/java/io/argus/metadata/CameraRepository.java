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
 * Cameras of a tenant; names are unique per tenant. Passwords are sealed with the tenant's data key
 * ({@link SecretBox}, bound to the tenant and camera id) on the way in and opened on the way out: the column never
 * holds one in the clear, and the {@link Camera} records callers see hold it in the clear.
 */
public final class CameraRepository {
    private static final String COLUMNS =
            "tenant_id, id, name, url, username, password, enabled, transport, created_at, updated_at";

    private final DataSource ds;
    private final SecretBox secrets;

    public CameraRepository(DataSource ds, SecretBox secrets) {
        this.ds = ds;
        this.secrets = secrets;
    }

    private String seal(Camera cam) {
        return secrets.seal(cam.tenantId(), "camera/" + cam.id() + "/password", cam.password());
    }

    /**
     * Seals the passwords still stored in the clear (rows from before encryption existed), at start-up.
     *
     * @return how many were sealed
     */
    public int sealPlaintextPasswords() {
        int sealed = 0;
        for (Camera cam : listAll()) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE cameras SET password = ? WHERE tenant_id = ? AND id = ? AND password = ?")) {
                String stored = storedPassword(c, cam);
                if (stored == null || SecretBox.isSealed(stored)) {
                    continue;
                }
                Sql.setAll(ps, seal(cam), cam.tenantId(), cam.id(), stored);
                sealed += ps.executeUpdate();
            } catch (SQLException e) {
                throw new MetadataException("sealing camera passwords failed", e);
            }
        }
        return sealed;
    }

    private static String storedPassword(Connection c, Camera cam) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT password FROM cameras WHERE tenant_id = ? AND id = ?")) {
            Sql.setAll(ps, cam.tenantId(), cam.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
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
            ps.setString(6, seal(cam));
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
            ps.setString(4, seal(cam));
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
                    UUID tenant = rs.getObject("tenant_id", UUID.class);
                    UUID id = rs.getObject("id", UUID.class);
                    out.add(new Camera(tenant, id, rs.getString("name"), rs.getString("url"),
                            rs.getString("username"), secrets.open(tenant, "camera/" + id + "/password",
                            rs.getString("password")), rs.getBoolean("enabled"), rs.getString("transport"),
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
