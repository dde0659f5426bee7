package io.argus.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Tenants: the one table that is not itself scoped by tenant (system administration reads it whole). */
public final class TenantRepository {
    private static final String COLUMNS = "SELECT tenant_id, name, disabled, created_at FROM tenants";
    private final Jdbc jdbc;

    public TenantRepository(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public List<Tenant> list() {
        return jdbc.list(COLUMNS + " ORDER BY name", TenantRepository::row);
    }

    public Optional<Tenant> find(UUID id) {
        return jdbc.one(COLUMNS + " WHERE tenant_id = ?", TenantRepository::row, id);
    }

    public Optional<Tenant> findByName(String name) {
        return jdbc.one(COLUMNS + " WHERE name = ?", TenantRepository::row, name);
    }

    /** @throws DuplicateNameException if the name is taken */
    public Tenant create(String name, Instant now) {
        Tenant t = new Tenant(UUID.randomUUID(), name, false, now);
        jdbc.update("INSERT INTO tenants (tenant_id, name, disabled, created_at) VALUES (?, ?, ?, ?)",
                t.id(), t.name(), false, now);
        return t;
    }

    /** @return false if there is no such tenant */
    public boolean setDisabled(UUID id, boolean disabled) {
        return jdbc.update("UPDATE tenants SET disabled = ? WHERE tenant_id = ?", disabled, id) == 1;
    }

    private static Tenant row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Tenant(rs.getObject("tenant_id", UUID.class), rs.getString("name"), rs.getBoolean("disabled"),
                Sql.getInstant(rs, "created_at"));
    }
}
