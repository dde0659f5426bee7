package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The audit log: append-only rows in one hash chain per tenant (V5__audit_log.sql). Nothing here updates or
 * deletes a row.
 *
 * <p>One chain per tenant, not one for the node: a tenant's log can be verified, exported or moved to another
 * database on its own, an auditor of one tenant verifies without reading another's rows, and tenants never wait on
 * each other's appends.
 *
 * <p>Appends never fork a chain. Each runs in one transaction that first locks the tenant's row in
 * {@code audit_chain_heads} ({@code SELECT ... FOR UPDATE}), then inserts the next row and moves the head. On
 * PostgreSQL two nodes appending for one tenant thus queue on that row lock; the second reads the head the first
 * committed. In one JVM a lock serializes appends before they reach the database, so H2's lock timeout is never
 * hit under load.
 */
public final class AuditLogRepository {
    static final String COLUMNS = "tenant_id, seq, occurred_at, user_id, user_name, source_ip, action, target_type, "
            + "target_id, outcome, details, prev_hash, hash";
    private final DataSource ds;
    private final ReentrantLock appending = new ReentrantLock();

    public AuditLogRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Chains and stores {@code e}; returns the stored row. */
    public AuditRecord append(AuditEntry e) {
        appending.lock();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                AuditRecord r = append(c, e);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException x) {
                c.rollback();
                throw x;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException x) {
            throw new MetadataException("appending to the audit log failed", x);
        } finally {
            appending.unlock();
        }
    }

    private static AuditRecord append(Connection c, AuditEntry e) throws SQLException {
        ChainHead head = lockHead(c, e.tenantId());
        long seq = head.seq() + 1;
        String hash = AuditHash.of(seq, e, head.hash());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.setAll(ps, e.tenantId(), seq, e.at(), e.userId(), e.userName(), e.sourceIp(), e.action(),
                    e.targetType(), e.targetId(), e.outcome(), e.details(), head.hash(), hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE tenant_id = ?")) {
            Sql.setAll(ps, seq, hash, e.tenantId());
            ps.executeUpdate();
        }
        return new AuditRecord(seq, e, head.hash(), hash);
    }

    /** The tenant's head row, locked until the transaction ends; created at the genesis for a first append. */
    private static ChainHead lockHead(Connection c, UUID tenant) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            Optional<ChainHead> head = head(c, tenant, " FOR UPDATE");
            if (head.isPresent()) {
                return head.get();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_chain_heads (tenant_id, seq, hash) VALUES (?, 0, ?)")) {
                Sql.setAll(ps, tenant, AuditHash.GENESIS);
                ps.executeUpdate();
            } catch (SQLException x) {
                // Another node created the head first: its row is there to lock now.
                if (!Sql.isUniqueViolation(x) || attempt > 0) {
                    throw x;
                }
                c.rollback();
            }
        }
    }

    static Optional<ChainHead> head(Connection c, UUID tenant, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash FROM audit_chain_heads WHERE tenant_id = ?" + lock)) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ChainHead(tenant, rs.getLong(1), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /** The last seq and hash of the tenant's chain; empty before its first append. */
    public Optional<ChainHead> head(UUID tenant) {
        try (Connection c = ds.getConnection()) {
            return head(c, tenant, "");
        } catch (SQLException x) {
            throw new MetadataException("reading the audit chain head failed", x);
        }
    }

    /** At most {@code limit} rows matching {@code f}, in chain order. */
    public List<AuditRecord> find(AuditFilter f, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        forEach(f, limit, out::add);
        return out;
    }

    /**
     * Streams the rows matching {@code f} in chain order to {@code sink} without holding them all (an export of
     * millions of rows); {@code limit} 0 for all.
     */
    public void forEach(AuditFilter f, int limit, Consumer<AuditRecord> sink) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = ? AND seq > ?");
        List<Object> params = new ArrayList<>(List.of(f.tenantId(), f.afterSeq()));
        if (f.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(f.to());
        }
        if (f.user() != null) {
            Optional<UUID> id = uuid(f.user());
            sql.append(id.isPresent() ? " AND user_id = ?" : " AND user_name = ?");
            params.add(id.isPresent() ? id.get() : f.user());
        }
        if (f.action() != null) {
            sql.append(f.action().endsWith(".") ? " AND action LIKE ?" : " AND action = ?");
            params.add(f.action().endsWith(".") ? f.action().replace("%", "").replace("_", "\\_") + "%"
                    : f.action());
        }
        if (f.targetType() != null) {
            sql.append(" AND target_type = ?");
            params.add(f.targetType());
        }
        if (f.targetId() != null) {
            sql.append(" AND target_id = ?");
            params.add(f.targetId());
        }
        sql.append(" ORDER BY seq");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setFetchSize(500);
            Sql.setAll(ps, params.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        } catch (SQLException x) {
            throw new MetadataException("reading the audit log failed", x);
        }
    }

    static AuditRecord read(ResultSet rs) throws SQLException {
        AuditEntry e = new AuditEntry(rs.getObject("tenant_id", UUID.class), Sql.getInstant(rs, "occurred_at"),
                rs.getObject("user_id", UUID.class), rs.getString("user_name"), rs.getString("source_ip"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("outcome"), rs.getString("details"));
        return new AuditRecord(rs.getLong("seq"), e, rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return s.length() == 36 ? Optional.of(UUID.fromString(s)) : Optional.empty();
        } catch (IllegalArgumentException x) {
            return Optional.empty();
        }
    }

    /** The last row of a tenant's chain: its seq (0 before the first) and hash ({@link AuditHash#GENESIS}). */
    public record ChainHead(UUID tenantId, long seq, String hash) {
    }
}
