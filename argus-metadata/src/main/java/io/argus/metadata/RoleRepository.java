package io.argus.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Custom roles of a tenant with their permissions. */
public final class RoleRepository {
    private final Jdbc jdbc;

    public RoleRepository(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public List<CustomRole> list(UUID tenantId) {
        return jdbc.tx(c -> {
            List<CustomRole> out = new ArrayList<>();
            for (CustomRole r : Jdbc.list(c, "SELECT tenant_id, id, name, description, created_at FROM roles"
                    + " WHERE tenant_id = ? ORDER BY name", RoleRepository::row, tenantId)) {
                out.add(withPermissions(c, r));
            }
            return out;
        });
    }

    public Optional<CustomRole> find(UUID tenantId, UUID id) {
        return list(tenantId).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<CustomRole> findByName(UUID tenantId, String name) {
        return list(tenantId).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** @throws DuplicateNameException if the name is taken in the tenant */
    public void insert(CustomRole r) {
        jdbc.tx(c -> {
            Jdbc.update(c, "INSERT INTO roles (tenant_id, id, name, description, created_at) VALUES (?, ?, ?, ?, ?)",
                    r.tenantId(), r.id(), r.name(), r.description(), r.createdAt());
            insertPermissions(c, r);
            return null;
        });
    }

    /**
     * Replaces the role's name, description and permissions; renaming also renames it in users' assignments.
     *
     * @return false if there is no such role in the tenant
     */
    public boolean update(CustomRole r) {
        return jdbc.tx(c -> {
            List<String> old = Jdbc.list(c, "SELECT name FROM roles WHERE tenant_id = ? AND id = ?",
                    rs -> rs.getString(1), r.tenantId(), r.id());
            if (old.isEmpty()) {
                return false;
            }
            Jdbc.update(c, "UPDATE roles SET name = ?, description = ? WHERE tenant_id = ? AND id = ?",
                    r.name(), r.description(), r.tenantId(), r.id());
            Jdbc.update(c, "UPDATE user_roles SET role = ? WHERE tenant_id = ? AND role = ?", r.name(),
                    r.tenantId(), old.get(0));
            Jdbc.update(c, "DELETE FROM role_permissions WHERE tenant_id = ? AND role_id = ?", r.tenantId(), r.id());
            insertPermissions(c, r);
            return true;
        });
    }

    /** Deletes the role and takes it away from every user that had it. */
    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.tx(c -> {
            List<String> name = Jdbc.list(c, "SELECT name FROM roles WHERE tenant_id = ? AND id = ?",
                    rs -> rs.getString(1), tenantId, id);
            if (name.isEmpty()) {
                return false;
            }
            Jdbc.update(c, "DELETE FROM user_roles WHERE tenant_id = ? AND role = ?", tenantId, name.get(0));
            Jdbc.update(c, "DELETE FROM roles WHERE tenant_id = ? AND id = ?", tenantId, id);
            return true;
        });
    }

    private static void insertPermissions(Connection c, CustomRole r) throws SQLException {
        int pos = 0;
        for (RolePermission p : r.permissions()) {
            Jdbc.update(c, "INSERT INTO role_permissions (tenant_id, role_id, position, actions, all_cameras,"
                    + " camera_ids, group_ids, window_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.tenantId(), r.id(),
                    pos++, String.join(",", p.actions()), p.allCameras(), join(p.cameraIds()), join(p.groupIds()),
                    p.windowSeconds());
        }
    }

    private static CustomRole withPermissions(Connection c, CustomRole r) throws SQLException {
        List<RolePermission> ps = Jdbc.list(c, "SELECT actions, all_cameras, camera_ids, group_ids, window_seconds"
                + " FROM role_permissions WHERE tenant_id = ? AND role_id = ? ORDER BY position", rs -> {
                    long w = rs.getLong("window_seconds");
                    return new RolePermission(split(rs.getString("actions")), rs.getBoolean("all_cameras"),
                            uuids(rs.getString("camera_ids")), uuids(rs.getString("group_ids")),
                            rs.wasNull() ? null : w);
                }, r.tenantId(), r.id());
        return new CustomRole(r.tenantId(), r.id(), r.name(), r.description(), ps, r.createdAt());
    }

    private static CustomRole row(ResultSet rs) throws SQLException {
        return new CustomRole(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("name"), rs.getString("description"), List.of(), Sql.getInstant(rs, "created_at"));
    }

    private static String join(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
    }

    private static Set<String> split(String s) {
        return s.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.split(",")));
    }

    private static Set<UUID> uuids(String s) {
        return split(s).stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
