package io.argus.metadata;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkFencedException;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link ChunkIndex} over the {@code chunks} and {@code bookmarks} tables (migration V2), and the
 * {@code event_protections} table (V12) for age retention, each chunk's fencing epoch (V13) and the node that
 * wrote it (V15).
 */
public final class JdbcChunkIndex implements ChunkIndex {
    private static final String COLUMNS = "tenant_id, camera_id, start_time, end_time, bytes, codec, tier, volume,"
            + " location, sha256, prev_sha256, writer_node";

    /** A chunk is protected while a bookmark of its camera overlaps it. */
    private static final String UNPROTECTED = " AND NOT EXISTS (SELECT 1 FROM bookmarks b WHERE"
            + " b.tenant_id = c.tenant_id AND b.camera_id = c.camera_id"
            + " AND b.from_time < c.end_time AND b.to_time > c.start_time)";

    /** And, for age retention, while an event's window (to_time null: still open) overlaps it. */
    private static final String NO_EVENT_WINDOW = " AND NOT EXISTS (SELECT 1 FROM event_protections p WHERE"
            + " p.tenant_id = c.tenant_id AND p.camera_id = c.camera_id"
            + " AND p.from_time < c.end_time AND (p.to_time IS NULL OR p.to_time > c.start_time))";

    private final DataSource ds;
    private final String node;

    /** The index of a single node: the chunks it adds are its own (no writer node). */
    public JdbcChunkIndex(DataSource ds) {
        this(ds, null);
    }

    /**
     * @param node the writer node of the chunks added here that name none (this cluster node's name), or null for a
     *             single node
     */
    public JdbcChunkIndex(DataSource ds, String node) {
        this.ds = ds;
        this.node = node;
    }

    /**
     * Fenced writers of one camera take turns on its camera row, so a check of the highest epoch and the insert after
     * it are one step for every node: a stale owner's chunk cannot slip in between a newer owner's check and insert.
     * (A camera deleted meanwhile has no row to lock; its chunks are retention's.)
     */
    private static final String LOCK_CAMERA = "SELECT id FROM cameras WHERE tenant_id = ? AND id = ? FOR UPDATE";

    private static final String HIGHEST_EPOCH = "SELECT MAX(fence_epoch) FROM chunks WHERE tenant_id = ?"
            + " AND camera_id = ?";

    @Override
    public boolean add(ChunkRecord r, long epoch) {
        try (Connection c = ds.getConnection()) {
            if (epoch == UNFENCED) {
                return insert(c, r, epoch);
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                lockCamera(c, r);
                long highest = highestEpoch(c, r);
                if (epoch < highest) {
                    throw new ChunkFencedException(r.camera(), r.location(), epoch, highest);
                }
                boolean added = insert(c, r, epoch);
                if (added) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MetadataException("indexing chunk failed: " + r.location(), e);
        }
    }

    private static void lockCamera(Connection c, ChunkRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_CAMERA)) {
            Sql.setAll(ps, r.tenant(), r.camera());
            ps.executeQuery().close();
        }
    }

    private static long highestEpoch(Connection c, ChunkRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HIGHEST_EPOCH)) {
            Sql.setAll(ps, r.tenant(), r.camera());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : UNFENCED;
            }
        }
    }

    /** @return false on a duplicate (the transaction, if any, must then be rolled back: PostgreSQL aborted it) */
    private boolean insert(Connection c, ChunkRecord r, long epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO chunks (" + COLUMNS + ", fence_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, r.tenant());
            ps.setObject(2, r.camera());
            Sql.setInstant(ps, 3, r.start());
            Sql.setInstant(ps, 4, r.end());
            ps.setLong(5, r.bytes());
            ps.setString(6, r.codec());
            ps.setString(7, r.tier().name());
            ps.setString(8, r.volume());
            ps.setString(9, r.location());
            ps.setString(10, r.sha256());
            ps.setString(11, r.prevSha256());
            ps.setString(12, r.writerNode() != null ? r.writerNode() : node);
            ps.setLong(13, epoch);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<ChunkRecord> last(UUID tenant, UUID camera) {
        return query("SELECT " + COLUMNS + " FROM chunks c WHERE tenant_id = ? AND camera_id = ?"
                + " ORDER BY start_time DESC LIMIT 1", tenant, camera).stream().findFirst();
    }

    @Override
    public List<ChunkRecord> find(UUID tenant, UUID camera, Instant from, Instant to) {
        // The lower bound on start_time keeps the scan on the key's range (no chunk is longer than MAX_DURATION).
        return query("SELECT " + COLUMNS + " FROM chunks c WHERE tenant_id = ? AND camera_id = ?"
                        + " AND start_time > ? AND start_time < ? AND end_time > ? ORDER BY start_time",
                tenant, camera, from.minus(ChunkRecord.MAX_DURATION), to, from);
    }

    @Override
    public Map<String, ChunkConversion> conversions(UUID tenant, UUID camera, Instant from, Instant to) {
        String sql = "SELECT location, converted_codec, converted_settings, converted_bytes, converted_sha256"
                + " FROM chunks WHERE tenant_id = ? AND camera_id = ? AND start_time > ? AND start_time < ?"
                + " AND end_time > ? AND converted_sha256 IS NOT NULL";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, tenant, camera, from.minus(ChunkRecord.MAX_DURATION), to, from);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, ChunkConversion> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getString("location"), JdbcTierIndex.conversion(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading chunk conversions failed", e);
        }
    }

    @Override
    public List<ChunkRecord> oldestUnprotected(String volume, int limit) {
        // Location breaks ties between cameras' chunks that start together, so pages are stable.
        return query("SELECT " + COLUMNS + " FROM chunks c WHERE volume = ?" + UNPROTECTED
                + " ORDER BY start_time, location LIMIT ?", volume, limit);
    }

    @Override
    public List<ChunkRecord> olderThan(UUID tenant, UUID camera, Instant before, int limit) {
        return query("SELECT " + COLUMNS + " FROM chunks c WHERE tenant_id = ? AND camera_id = ?"
                + " AND start_time <= ? AND end_time <= ?" + UNPROTECTED + NO_EVENT_WINDOW
                + " ORDER BY start_time LIMIT ?",
                tenant, camera, before, before, limit);
    }

    @Override
    public boolean delete(UUID tenant, String location) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM chunks WHERE tenant_id = ? AND location = ?")) {
            ps.setObject(1, tenant);
            ps.setString(2, location);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new MetadataException("deleting chunk row failed: " + location, e);
        }
    }

    private List<ChunkRecord> query(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<ChunkRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ChunkRecord(rs.getObject("tenant_id", UUID.class),
                            rs.getObject("camera_id", UUID.class), Sql.getInstant(rs, "start_time"),
                            Sql.getInstant(rs, "end_time"), rs.getLong("bytes"), rs.getString("codec"),
                            Tier.valueOf(rs.getString("tier")), rs.getString("volume"), rs.getString("location"),
                            rs.getString("sha256"), rs.getString("prev_sha256"), rs.getString("writer_node")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading chunk index failed", e);
        }
    }
}
