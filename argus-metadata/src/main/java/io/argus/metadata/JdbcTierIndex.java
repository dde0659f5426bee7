package io.argus.metadata;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.Tier;
import io.argus.storage.tier.ChunkMove;
import io.argus.storage.tier.RestoreState;
import io.argus.storage.tier.TierIndex;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierReencode;
import io.argus.storage.tier.TierStage;
import io.argus.storage.tier.TierUsage;
import io.argus.storage.tier.TieredChunk;
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

/** {@link TierIndex} over the tier columns of {@code chunks} and the tables of migrations V6 and V11. */
public final class JdbcTierIndex implements TierIndex {
    private static final String CHUNK = "c.tenant_id, c.camera_id, c.start_time, c.end_time, c.bytes, c.codec,"
            + " c.tier, c.volume, c.location, c.sha256, c.prev_sha256, c.storage_class, c.restore_state,"
            + " c.restore_until, c.hot_until";
    private static final String POLICY = "id, tenant_id, name, region, hot_days, warm_target, warm_class, warm_days,"
            + " cold_target, cold_class, delete_after_days, warm_reencode, cold_reencode";
    private static final String MOVE = "from_location, tenant_id, camera_id, start_time, bytes, sha256, to_target,"
            + " to_tier, to_class, hot_until, state, to_location, attempts, last_error, converted_codec,"
            + " converted_settings, converted_bytes, converted_sha256";

    private final DataSource ds;

    public JdbcTierIndex(DataSource ds) {
        this.ds = ds;
    }

    private interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Rows<T> rows, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rows.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading the tier index failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new IllegalArgumentException("already exists", e);
            }
            throw new MetadataException("writing the tier index failed", e);
        }
    }

    // ---- policies ----------------------------------------------------------------------------------------------

    @Override
    public void createPolicy(TierPolicy p) {
        try {
            update("INSERT INTO tier_policies (" + POLICY + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    policyParams(p, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a policy named '" + p.name() + "' exists", e);
        }
    }

    @Override
    public boolean updatePolicy(TierPolicy p) {
        try {
            Object[] v = policyParams(p, false);
            return update("UPDATE tier_policies SET name = ?, region = ?, hot_days = ?, warm_target = ?,"
                    + " warm_class = ?, warm_days = ?, cold_target = ?, cold_class = ?, delete_after_days = ?,"
                    + " warm_reencode = ?, cold_reencode = ? WHERE id = ? AND tenant_id = ?", v) == 1;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a policy named '" + p.name() + "' exists", e);
        }
    }

    private static Object[] policyParams(TierPolicy p, boolean insert) {
        Object[] rest = {p.name(), p.region(), p.hotDays(), p.warm() == null ? null : p.warm().target(),
            p.warm() == null ? null : p.warm().storageClass(), p.warmDays(),
            p.cold() == null ? null : p.cold().target(), p.cold() == null ? null : p.cold().storageClass(),
            p.deleteAfterDays(), reencode(p.warm()), reencode(p.cold())};
        Object[] out = new Object[rest.length + 2];
        if (insert) {
            out[0] = p.id();
            out[1] = p.tenant();
            System.arraycopy(rest, 0, out, 2, rest.length);
        } else {
            System.arraycopy(rest, 0, out, 0, rest.length);
            out[rest.length] = p.id();
            out[rest.length + 1] = p.tenant();
        }
        return out;
    }

    private static String reencode(TierStage stage) {
        return stage == null || stage.reencode() == null ? null : stage.reencode().spec();
    }

    @Override
    public boolean deletePolicy(UUID tenant, UUID id) {
        return update("DELETE FROM tier_policies WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    @Override
    public Optional<TierPolicy> policy(UUID tenant, UUID id) {
        return query("SELECT " + POLICY + " FROM tier_policies WHERE tenant_id = ? AND id = ?",
                JdbcTierIndex::policy, tenant, id).stream().findFirst();
    }

    @Override
    public List<TierPolicy> policies(UUID tenant) {
        return query("SELECT " + POLICY + " FROM tier_policies WHERE tenant_id = ? ORDER BY name",
                JdbcTierIndex::policy, tenant);
    }

    private static TierPolicy policy(ResultSet rs) throws SQLException {
        String warm = rs.getString("warm_target");
        String cold = rs.getString("cold_target");
        return new TierPolicy(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("name"), rs.getString("region"), rs.getInt("hot_days"),
                warm == null ? null : new TierStage(warm, rs.getString("warm_class"),
                        TierReencode.parse(rs.getString("warm_reencode"))), rs.getInt("warm_days"),
                cold == null ? null : new TierStage(cold, rs.getString("cold_class"),
                        TierReencode.parse(rs.getString("cold_reencode"))),
                rs.getInt("delete_after_days"));
    }

    @Override
    public void assign(UUID tenant, UUID camera, UUID policy) {
        update("DELETE FROM camera_tier_policy WHERE tenant_id = ? AND camera_id = ?", tenant, camera);
        if (policy != null) {
            update("INSERT INTO camera_tier_policy (tenant_id, camera_id, policy_id) VALUES (?, ?, ?)", tenant,
                    camera, policy);
        }
    }

    @Override
    public Optional<UUID> assigned(UUID tenant, UUID camera) {
        return query("SELECT policy_id FROM camera_tier_policy WHERE tenant_id = ? AND camera_id = ?",
                rs -> rs.getObject(1, UUID.class), tenant, camera).stream().findFirst();
    }

    @Override
    public void setTenantDefault(UUID tenant, UUID policy) {
        update("DELETE FROM tenant_tier_policy WHERE tenant_id = ?", tenant);
        if (policy != null) {
            update("INSERT INTO tenant_tier_policy (tenant_id, policy_id) VALUES (?, ?)", tenant, policy);
        }
    }

    @Override
    public Optional<UUID> tenantDefault(UUID tenant) {
        return query("SELECT policy_id FROM tenant_tier_policy WHERE tenant_id = ?", rs -> rs.getObject(1, UUID.class),
                tenant).stream().findFirst();
    }

    @Override
    public Optional<TierPolicy> policyFor(UUID tenant, UUID camera) {
        Optional<UUID> id = assigned(tenant, camera).or(() -> tenantDefault(tenant));
        return id.flatMap(i -> policy(tenant, i));
    }

    @Override
    public List<CameraPolicy> cameraPolicies() {
        // The configured cameras and those with an assignment; never a scan of the chunks.
        List<UUID[]> cams = query("SELECT x.tenant_id, x.camera_id, COALESCE(a.policy_id, d.policy_id) FROM"
                + " (SELECT tenant_id, id AS camera_id FROM cameras UNION SELECT tenant_id, camera_id"
                + " FROM camera_tier_policy) x"
                + " LEFT JOIN camera_tier_policy a ON a.tenant_id = x.tenant_id AND a.camera_id = x.camera_id"
                + " LEFT JOIN tenant_tier_policy d ON d.tenant_id = x.tenant_id"
                + " WHERE COALESCE(a.policy_id, d.policy_id) IS NOT NULL",
                rs -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class)});
        List<CameraPolicy> out = new ArrayList<>();
        for (UUID[] c : cams) {
            policy(c[0], c[2]).ifPresent(p -> out.add(new CameraPolicy(c[0], c[1], p)));
        }
        return out;
    }

    // ---- chunk tier state --------------------------------------------------------------------------------------

    @Override
    public List<ChunkRecord> due(UUID tenant, UUID camera, Tier tier, Instant endedBy, Instant now, int limit) {
        return query("SELECT " + CHUNK + " FROM chunks c WHERE c.tenant_id = ? AND c.camera_id = ? AND c.tier = ?"
                + " AND c.end_time <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM chunk_moves m WHERE m.from_location = c.location)"
                + " AND NOT (c.hot_until IS NOT NULL AND (c.hot_until > ? OR EXISTS (SELECT 1 FROM bookmarks b"
                + " WHERE b.tenant_id = c.tenant_id AND b.camera_id = c.camera_id AND b.from_time < c.end_time"
                + " AND b.to_time > c.start_time)))"
                + " ORDER BY c.start_time LIMIT ?",
                rs -> tiered(rs).chunk(), tenant, camera, tier.name(), endedBy, now, limit);
    }

    @Override
    public List<TieredChunk> tiered(UUID tenant, UUID camera, Instant from, Instant to) {
        return query("SELECT " + CHUNK + " FROM chunks c WHERE c.tenant_id = ? AND c.camera_id = ?"
                        + " AND c.start_time > ? AND c.start_time < ? AND c.end_time > ? ORDER BY c.start_time",
                JdbcTierIndex::tiered, tenant, camera, from.minus(ChunkRecord.MAX_DURATION), to, from);
    }

    private static TieredChunk tiered(ResultSet rs) throws SQLException {
        ChunkRecord r = new ChunkRecord(rs.getObject("tenant_id", UUID.class), rs.getObject("camera_id", UUID.class),
                Sql.getInstant(rs, "start_time"), Sql.getInstant(rs, "end_time"), rs.getLong("bytes"),
                rs.getString("codec"), Tier.valueOf(rs.getString("tier")), rs.getString("volume"),
                rs.getString("location"), rs.getString("sha256"), rs.getString("prev_sha256"));
        return new TieredChunk(r, rs.getString("storage_class"), RestoreState.valueOf(rs.getString("restore_state")),
                Sql.getInstant(rs, "restore_until"), Sql.getInstant(rs, "hot_until"));
    }

    @Override
    public Optional<ChunkConversion> conversion(UUID tenant, String location) {
        return query("SELECT converted_codec, converted_settings, converted_bytes, converted_sha256 FROM chunks"
                + " WHERE tenant_id = ? AND location = ? AND converted_sha256 IS NOT NULL",
                JdbcTierIndex::conversion, tenant, location).stream().findFirst();
    }

    /** The row's converted_* columns, null if they are. */
    static ChunkConversion conversion(ResultSet rs) throws SQLException {
        String sha = rs.getString("converted_sha256");
        return sha == null ? null : new ChunkConversion(rs.getString("converted_codec"),
                rs.getString("converted_settings"), rs.getLong("converted_bytes"), sha);
    }

    @Override
    public void holdHot(UUID tenant, String location, Instant until) {
        update("UPDATE chunks SET hot_until = ? WHERE tenant_id = ? AND location = ?", until, tenant, location);
    }

    @Override
    public void setRestore(UUID tenant, String location, RestoreState state, Instant until) {
        update("UPDATE chunks SET restore_state = ?, restore_until = ? WHERE tenant_id = ? AND location = ?",
                state.name(), until, tenant, location);
    }

    @Override
    public List<TieredChunk> restoresPending(int limit) {
        return query("SELECT " + CHUNK + " FROM chunks c WHERE c.restore_state = 'REQUESTED' ORDER BY c.start_time"
                + " LIMIT ?", JdbcTierIndex::tiered, limit);
    }

    @Override
    public List<TierUsage> usage(UUID tenant) {
        // Stored bytes: a converted chunk's object is its converted copy.
        return query("SELECT camera_id, tier, COUNT(*), COALESCE(SUM(COALESCE(converted_bytes, bytes)), 0) FROM chunks"
                        + " WHERE tenant_id = ?"
                        + " GROUP BY camera_id, tier ORDER BY camera_id, tier",
                rs -> new TierUsage(rs.getObject(1, UUID.class), Tier.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4)), tenant);
    }

    // ---- moves -------------------------------------------------------------------------------------------------

    @Override
    public boolean planMove(ChunkMove m) {
        try {
            ChunkConversion c = m.conversion();
            update("INSERT INTO chunk_moves (" + MOVE + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)", m.from(), m.tenant(), m.camera(), m.start(), m.bytes(),
                    m.sha256(), m.to().target(), m.to().tier().name(), m.to().storageClass(), m.hotUntil(),
                    m.state().name(), m.toLocation(), m.attempts(), m.lastError(), c == null ? null : c.codec(),
                    c == null ? null : c.settings(), c == null ? null : c.bytes(), c == null ? null : c.sha256());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public List<ChunkMove> moves(int limit) {
        // Fewest attempts first: a move that keeps failing (a damaged source) never holds the others back.
        return query("SELECT " + MOVE + " FROM chunk_moves ORDER BY attempts, created_at, from_location LIMIT ?",
                JdbcTierIndex::move, limit);
    }

    private static ChunkMove move(ResultSet rs) throws SQLException {
        return new ChunkMove(rs.getObject("tenant_id", UUID.class), rs.getObject("camera_id", UUID.class),
                Sql.getInstant(rs, "start_time"), rs.getString("from_location"), rs.getLong("bytes"),
                rs.getString("sha256"), new Placement(rs.getString("to_target"), Tier.valueOf(rs.getString("to_tier")),
                rs.getString("to_class")), Sql.getInstant(rs, "hot_until"),
                ChunkMove.State.valueOf(rs.getString("state")), rs.getString("to_location"), rs.getInt("attempts"),
                rs.getString("last_error"), conversion(rs));
    }

    @Override
    public void advance(ChunkMove m) {
        ChunkConversion c = m.conversion();
        update("UPDATE chunk_moves SET state = ?, to_location = ?, converted_codec = ?, converted_settings = ?,"
                + " converted_bytes = ?, converted_sha256 = ? WHERE from_location = ?", m.state().name(),
                m.toLocation(), c == null ? null : c.codec(), c == null ? null : c.settings(),
                c == null ? null : c.bytes(), c == null ? null : c.sha256(), m.from());
    }

    @Override
    public void failMove(ChunkMove m, String error) {
        String e = error == null ? "" : error.length() > 1000 ? error.substring(0, 1000) : error;
        // A failure after the switch must not undo it: only copy and check are redone from the start.
        update("UPDATE chunk_moves SET state = CASE WHEN state = 'SWITCHED' THEN state ELSE 'PLANNED' END,"
                + " attempts = attempts + 1, last_error = ? WHERE from_location = ?", e, m.from());
    }

    @Override
    public boolean switchLocation(ChunkMove m, String volume) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int rows;
                ChunkConversion conv = m.conversion();
                try (PreparedStatement ps = c.prepareStatement("UPDATE chunks SET location = ?, tier = ?, volume = ?,"
                        + " storage_class = ?, restore_state = 'NONE', restore_until = NULL, hot_until = ?,"
                        + " converted_codec = ?, converted_settings = ?, converted_bytes = ?, converted_sha256 = ?"
                        + " WHERE tenant_id = ? AND location = ?")) {
                    Sql.setAll(ps, m.toLocation(), m.to().tier().name(), volume,
                            m.to().tier() == Tier.HOT ? null : m.to().storageClass(), m.hotUntil(),
                            conv == null ? null : conv.codec(), conv == null ? null : conv.settings(),
                            conv == null ? null : conv.bytes(), conv == null ? null : conv.sha256(), m.tenant(),
                            m.from());
                    rows = ps.executeUpdate();
                }
                if (rows == 1) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE chunk_moves SET state = 'SWITCHED', to_location = ? WHERE from_location = ?")) {
                        Sql.setAll(ps, m.toLocation(), m.from());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return rows == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MetadataException("switching chunk " + m.from() + " to " + m.toLocation() + " failed", e);
        }
    }

    @Override
    public void finishMove(ChunkMove m) {
        update("DELETE FROM chunk_moves WHERE from_location = ?", m.from());
    }

    @Override
    public Backlog backlog() {
        return query("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM chunk_moves", rs -> new Backlog(rs.getLong(1),
                rs.getLong(2))).get(0);
    }
}
