package io.argus.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Camera groups of a tenant and their members. A camera may be in any number of groups. */
public final class CameraGroupRepository {
    private final Jdbc jdbc;

    public CameraGroupRepository(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public List<CameraGroup> list(UUID tenantId) {
        return jdbc.tx(c -> {
            List<CameraGroup> out = new ArrayList<>();
            for (CameraGroup g : Jdbc.list(c, "SELECT tenant_id, id, name, created_at FROM camera_groups"
                    + " WHERE tenant_id = ? ORDER BY name", rs -> new CameraGroup(rs.getObject("tenant_id", UUID.class),
                    rs.getObject("id", UUID.class), rs.getString("name"), Set.of(), Sql.getInstant(rs, "created_at")),
                    tenantId)) {
                out.add(new CameraGroup(g.tenantId(), g.id(), g.name(), members(c, tenantId, g.id()), g.createdAt()));
            }
            return out;
        });
    }

    public Optional<CameraGroup> find(UUID tenantId, UUID id) {
        return list(tenantId).stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /**
     * @throws DuplicateNameException if the name is taken in the tenant
     * @throws IllegalArgumentException if a member is not a camera of the tenant
     */
    public void insert(CameraGroup g) {
        jdbc.tx(c -> {
            Jdbc.update(c, "INSERT INTO camera_groups (tenant_id, id, name, created_at) VALUES (?, ?, ?, ?)",
                    g.tenantId(), g.id(), g.name(), g.createdAt());
            insertMembers(c, g);
            return null;
        });
    }

    /** Replaces the name and members; false if there is no such group in the tenant. */
    public boolean update(CameraGroup g) {
        return jdbc.tx(c -> {
            if (Jdbc.update(c, "UPDATE camera_groups SET name = ? WHERE tenant_id = ? AND id = ?", g.name(),
                    g.tenantId(), g.id()) == 0) {
                return false;
            }
            Jdbc.update(c, "DELETE FROM camera_group_members WHERE tenant_id = ? AND group_id = ?", g.tenantId(),
                    g.id());
            insertMembers(c, g);
            return true;
        });
    }

    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.update("DELETE FROM camera_groups WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
    }

    /** The cameras in any of {@code groups}. */
    public Set<UUID> members(UUID tenantId, Set<UUID> groups) {
        if (groups.isEmpty()) {
            return Set.of();
        }
        return jdbc.tx(c -> {
            Set<UUID> out = new HashSet<>();
            for (UUID g : groups) {
                out.addAll(members(c, tenantId, g));
            }
            return out;
        });
    }

    private static Set<UUID> members(Connection c, UUID tenantId, UUID group) throws SQLException {
        return new HashSet<>(Jdbc.list(c, "SELECT camera_id FROM camera_group_members WHERE tenant_id = ? AND"
                + " group_id = ?", rs -> rs.getObject(1, UUID.class), tenantId, group));
    }

    private static void insertMembers(Connection c, CameraGroup g) throws SQLException {
        for (UUID cam : g.cameraIds()) {
            int n = Jdbc.update(c, "INSERT INTO camera_group_members (tenant_id, group_id, camera_id)"
                    + " SELECT ?, ?, id FROM cameras WHERE tenant_id = ? AND id = ?", g.tenantId(), g.id(),
                    g.tenantId(), cam);
            if (n == 0) {
                throw new IllegalArgumentException("no camera with id " + cam);
            }
        }
    }
}
