package io.argus.metadata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Users of a tenant and the roles given to them. Passwords are stored only as {@link PasswordHasher} strings. */
public final class UserRepository {
    private static final String COLUMNS =
            "SELECT tenant_id, id, username, password_hash, created_at, disabled FROM users";
    private final Jdbc jdbc;

    public UserRepository(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * Creates a user with the given password (hashed here) and roles.
     *
     * @throws DuplicateNameException if the username is taken in the tenant
     */
    public User create(UUID tenantId, String username, String password, Instant now, List<String> roles) {
        User u = new User(tenantId, UUID.randomUUID(), username, PasswordHasher.hash(password), now, false);
        try {
            jdbc.tx(c -> {
                Jdbc.update(c, "INSERT INTO users (tenant_id, id, username, password_hash, created_at, disabled)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", u.tenantId(), u.id(), username, u.passwordHash(), now, false);
                for (String r : roles) {
                    Jdbc.update(c, "INSERT INTO user_roles (tenant_id, user_id, role) VALUES (?, ?, ?)",
                            tenantId, u.id(), r);
                }
                return null;
            });
        } catch (DuplicateNameException e) {
            throw new DuplicateNameException("user already exists: " + username, e);
        }
        return u;
    }

    /** A user without roles: it can log in and see nothing until given one. */
    public User create(UUID tenantId, String username, String password, Instant now) {
        return create(tenantId, username, password, now, List.of());
    }

    public Optional<User> findByUsername(UUID tenantId, String username) {
        return jdbc.one(COLUMNS + " WHERE tenant_id = ? AND username = ?", UserRepository::row, tenantId, username);
    }

    public Optional<User> find(UUID tenantId, UUID id) {
        return jdbc.one(COLUMNS + " WHERE tenant_id = ? AND id = ?", UserRepository::row, tenantId, id);
    }

    public List<User> list(UUID tenantId) {
        return jdbc.list(COLUMNS + " WHERE tenant_id = ? ORDER BY username", UserRepository::row, tenantId);
    }

    /** @param hash a {@link PasswordHasher} string */
    public boolean setPasswordHash(UUID tenantId, UUID id, String hash) {
        return jdbc.update("UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ?", hash, tenantId, id)
                == 1;
    }

    public boolean setDisabled(UUID tenantId, UUID id, boolean disabled) {
        return jdbc.update("UPDATE users SET disabled = ? WHERE tenant_id = ? AND id = ?", disabled, tenantId, id)
                == 1;
    }

    /** Deletes the user, its role assignments and its tokens. */
    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.update("DELETE FROM users WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
    }

    /** The names of the roles given to the user (built-in and custom). */
    public List<String> roles(UUID tenantId, UUID userId) {
        return jdbc.list("SELECT role FROM user_roles WHERE tenant_id = ? AND user_id = ? ORDER BY role",
                rs -> rs.getString(1), tenantId, userId);
    }

    /** Replaces the user's roles. */
    public void setRoles(UUID tenantId, UUID userId, List<String> roles) {
        jdbc.tx(c -> {
            Jdbc.update(c, "DELETE FROM user_roles WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
            for (String r : roles) {
                Jdbc.update(c, "INSERT INTO user_roles (tenant_id, user_id, role) VALUES (?, ?, ?)",
                        tenantId, userId, r);
            }
            return null;
        });
    }

    /** How many users of the tenant hold {@code role}. */
    public long countWithRole(UUID tenantId, String role) {
        return jdbc.one("SELECT COUNT(*) FROM user_roles WHERE tenant_id = ? AND role = ?", rs -> rs.getLong(1),
                tenantId, role).orElse(0L);
    }

    public long count(UUID tenantId) {
        return jdbc.one("SELECT COUNT(*) FROM users WHERE tenant_id = ?", rs -> rs.getLong(1), tenantId).orElse(0L);
    }

    private static User row(ResultSet rs) throws SQLException {
        return new User(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("username"), rs.getString("password_hash"), Sql.getInstant(rs, "created_at"),
                rs.getBoolean("disabled"));
    }
}
