package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Users of a tenant. Passwords are stored only as {@link PasswordHasher} strings. */
public final class UserRepository {
    private final DataSource ds;

    public UserRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Creates a user with the given password (hashed here).
     *
     * @throws DuplicateNameException if the username is taken in the tenant
     */
    public User create(UUID tenantId, String username, String password, Instant now) {
        User u = new User(tenantId, UUID.randomUUID(), username, PasswordHasher.hash(password), now);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (tenant_id, id, username, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, u.tenantId());
            ps.setObject(2, u.id());
            ps.setString(3, u.username());
            ps.setString(4, u.passwordHash());
            Sql.setInstant(ps, 5, now);
            ps.executeUpdate();
            return u;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateNameException("user already exists: " + username, e);
            }
            throw new MetadataException("creating user failed", e);
        }
    }

    public Optional<User> findByUsername(UUID tenantId, String username) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant_id, id, username, password_hash, created_at FROM users"
                        + " WHERE tenant_id = ? AND username = ?")) {
            ps.setObject(1, tenantId);
            ps.setString(2, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getString("username"), rs.getString("password_hash"), Sql.getInstant(rs, "created_at")));
            }
        } catch (SQLException e) {
            throw new MetadataException("reading user failed", e);
        }
    }

    /** The name of a user by id, for audit records (who exported evidence). */
    public Optional<String> usernameOf(UUID tenantId, UUID id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username FROM users WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MetadataException("reading user failed", e);
        }
    }

    public long count(UUID tenantId) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users WHERE tenant_id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new MetadataException("counting users failed", e);
        }
    }
}
