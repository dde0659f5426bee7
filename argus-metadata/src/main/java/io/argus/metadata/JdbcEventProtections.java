package io.argus.metadata;

import io.argus.storage.chunk.EventProtections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * {@link EventProtections} over the {@code event_protections} table (migration V12); {@link JdbcChunkIndex} reads
 * it. Writers are analytics threads, which belong to no request: {@link #protect} runs in the window's tenant's
 * scope (row-level security on PostgreSQL), {@link #expire} in the caller's (retention's: the system's).
 */
public final class JdbcEventProtections implements EventProtections {
    private final DataSource ds;

    public JdbcEventProtections(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void protect(Window w) {
        TenantScope.as(w.tenant(), () -> {
            try (Connection c = ds.getConnection()) {
                // Update first: an event's window is written at its start and replaced at its end, by one thread
                // per camera, so the insert's race with another writer only happens on a retried start.
                if (update(c, w) == 0) {
                    try {
                        insert(c, w);
                    } catch (SQLException e) {
                        if (!Sql.isUniqueViolation(e)) {
                            throw e;
                        }
                        update(c, w);
                    }
                }
            } catch (SQLException e) {
                throw new MetadataException("protecting event window failed: " + w.event(), e);
            }
            return null;
        });
    }

    private static int update(Connection c, Window w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE event_protections SET from_time = ?, to_time = ?,"
                + " until_time = ? WHERE tenant_id = ? AND event_id = ?")) {
            Sql.setAll(ps, w.from(), w.to(), w.until(), w.tenant(), w.event());
            if (w.to() == null) {
                ps.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            return ps.executeUpdate();
        }
    }

    private static void insert(Connection c, Window w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_protections (tenant_id, event_id,"
                + " camera_id, from_time, to_time, until_time) VALUES (?, ?, ?, ?, ?, ?)")) {
            Sql.setAll(ps, w.tenant(), w.event(), w.camera(), w.from(), w.to(), w.until());
            if (w.to() == null) {
                ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public int expire(Instant now) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM event_protections WHERE until_time <= ?")) {
            Sql.setInstant(ps, 1, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new MetadataException("expiring event windows failed", e);
        }
    }
}
