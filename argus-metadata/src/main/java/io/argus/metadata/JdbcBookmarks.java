package io.argus.metadata;

import io.argus.storage.chunk.Bookmark;
import io.argus.storage.chunk.Bookmarks;
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

/** {@link Bookmarks} over the {@code bookmarks} table (migration V2). */
public final class JdbcBookmarks implements Bookmarks {
    private static final String COLUMNS = "tenant_id, id, camera_id, from_time, to_time, note, created_at";

    private final DataSource ds;

    public JdbcBookmarks(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void add(Bookmark b) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bookmarks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, b.tenant());
            ps.setObject(2, b.id());
            ps.setObject(3, b.camera());
            Sql.setInstant(ps, 4, b.from());
            Sql.setInstant(ps, 5, b.to());
            ps.setString(6, b.note());
            Sql.setInstant(ps, 7, b.created());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new IllegalArgumentException("bookmark exists: " + b.id(), e);
            }
            throw new MetadataException("adding bookmark failed", e);
        }
    }

    @Override
    public Optional<Bookmark> find(UUID tenant, UUID id) {
        return query("SELECT " + COLUMNS + " FROM bookmarks WHERE tenant_id = ? AND id = ?", tenant, id)
                .stream().findFirst();
    }

    @Override
    public List<Bookmark> list(UUID tenant, UUID camera, Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM bookmarks WHERE tenant_id = ? AND camera_id = ?"
                + " AND from_time < ? AND to_time > ? ORDER BY from_time, id", tenant, camera, to, from);
    }

    @Override
    public boolean delete(UUID tenant, UUID id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM bookmarks WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenant);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new MetadataException("deleting bookmark failed", e);
        }
    }

    private List<Bookmark> query(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Bookmark> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Bookmark(rs.getObject("tenant_id", UUID.class), rs.getObject("camera_id", UUID.class),
                            rs.getObject("id", UUID.class), Sql.getInstant(rs, "from_time"),
                            Sql.getInstant(rs, "to_time"), rs.getString("note"), Sql.getInstant(rs, "created_at")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading bookmarks failed", e);
        }
    }
}
