package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** A user's name from their id: what the audit log writes next to the id, so a row reads without a join. */
public final class UserNames {
    private final DataSource ds;

    public UserNames(DataSource ds) {
        this.ds = ds;
    }

    public Optional<String> of(UUID tenantId, UUID userId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username FROM users WHERE tenant_id = ? AND id = ?")) {
            Sql.setAll(ps, tenantId, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MetadataException("reading a user's name failed", e);
        }
    }
}
