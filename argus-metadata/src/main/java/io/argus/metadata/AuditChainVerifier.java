package io.argus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Walks every tenant's audit chain in seq order and names each row that was edited, deleted, moved or inserted.
 *
 * <p>Per row: a seq gap is a deletion; fields that do not hash to the stored hash are an edit, or a move when
 * the fields hash right at another seq (found from the neighbours that still point at it); a row that hashes
 * right but is not the row its successor was chained to was rewritten with a recomputed hash. Last, the chain head
 * tells rows deleted from the end. One pass, one row in memory at a time; lookups happen only for bad rows.
 *
 * <p>What it cannot see: someone who rewrites every row from some point to the end and the head with recomputed
 * hashes. Keep a copy of the head hash elsewhere ({@link Result#heads}) to catch that too.
 */
public final class AuditChainVerifier {
    private final DataSource ds;

    public AuditChainVerifier(DataSource ds) {
        this.ds = ds;
    }

    /** Every tenant's chain. */
    public Result verify() {
        try (Connection c = ds.getConnection()) {
            Set<UUID> tenants = new LinkedHashSet<>();
            for (String sql : List.of("SELECT tenant_id FROM audit_chain_heads ORDER BY tenant_id",
                    "SELECT DISTINCT tenant_id FROM audit_log ORDER BY tenant_id")) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tenants.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<AuditProblem> problems = new ArrayList<>();
            List<AuditLogRepository.ChainHead> heads = new ArrayList<>();
            long rows = 0;
            for (UUID t : tenants) {
                rows += verify(c, t, problems, heads);
            }
            return new Result(List.copyOf(problems), List.copyOf(heads), rows);
        } catch (SQLException x) {
            throw new MetadataException("reading the audit log failed", x);
        }
    }

    /** Checks one tenant's chain; returns the number of rows read. */
    private static long verify(Connection c, UUID tenant, List<AuditProblem> problems,
                               List<AuditLogRepository.ChainHead> heads) throws SQLException {
        long rows = 0;
        long expected = 1;
        String prev = AuditHash.GENESIS;
        long lastSeq = 0;
        boolean prevReported = false;
        // The head first, and only rows up to it: appends that commit during the walk are not part of this check.
        Optional<AuditLogRepository.ChainHead> head = AuditLogRepository.head(c, tenant, "");
        long headSeq = head.map(AuditLogRepository.ChainHead::seq).orElse(0L);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditLogRepository.COLUMNS
                + " FROM audit_log WHERE tenant_id = ? AND seq <= ? ORDER BY seq")) {
            ps.setFetchSize(500);
            Sql.setAll(ps, tenant, headSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    String stored = rs.getString("hash");
                    String prevHash = rs.getString("prev_hash");
                    boolean gap = seq > expected;
                    if (gap) {
                        problems.add(new AuditProblem(tenant, expected, seq - 1, AuditProblem.Kind.DELETED,
                                (seq - 1 == expected ? "row " + expected + " was deleted"
                                        : "rows " + expected + "-" + (seq - 1) + " were deleted")));
                    }
                    Optional<AuditRecord> row = readOrNull(rs);
                    boolean reportedBefore = prevReported;
                    prevReported = row.isEmpty() || !AuditHash.of(seq, row.get().entry(), prevHash).equals(stored);
                    if (prevReported) {
                        problems.add(moved(c, tenant, seq, row, stored)
                                .orElse(new AuditProblem(tenant, seq, seq, AuditProblem.Kind.EDITED,
                                        "row " + seq + " was edited: its fields do not match its hash")));
                    } else if (!gap && !reportedBefore && !prevHash.equals(prev)) {
                        problems.add(new AuditProblem(tenant, seq - 1, seq - 1, AuditProblem.Kind.REWRITTEN,
                                "row " + (seq - 1) + " was rewritten: row " + seq
                                        + " was chained to a different row " + (seq - 1)));
                    }
                    prev = stored;
                    expected = seq + 1;
                    lastSeq = seq;
                    rows++;
                }
            }
        }
        if (headSeq > lastSeq) {
            problems.add(new AuditProblem(tenant, lastSeq + 1, headSeq, AuditProblem.Kind.DELETED,
                    (headSeq == lastSeq + 1 ? "row " + headSeq + " was deleted" : "rows " + (lastSeq + 1) + "-"
                            + headSeq + " were deleted") + " from the end of the chain"));
        } else if (head.isPresent() && !prevReported && !head.get().hash().equals(prev)) {
            problems.add(new AuditProblem(tenant, lastSeq, lastSeq, AuditProblem.Kind.REWRITTEN,
                    "row " + lastSeq + " was rewritten: the chain head records another hash for it"));
        }
        // Rows past the head: every append moves the head in the row's own transaction, so a committed row's seq
        // is at most the head read after it.
        long maxSeq = maxSeq(c, tenant);
        long headNow = AuditLogRepository.head(c, tenant, "").map(AuditLogRepository.ChainHead::seq).orElse(0L);
        if (maxSeq > headNow) {
            problems.add(new AuditProblem(tenant, headNow + 1, maxSeq, AuditProblem.Kind.INSERTED,
                    "rows " + (headNow + 1) + "-" + maxSeq + " were added past the chain head"));
        }
        head.ifPresent(heads::add);
        return rows;
    }

    private static long maxSeq(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM audit_log WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A row whose fields do not even parse (an emptied action) counts as edited. */
    private static Optional<AuditRecord> readOrNull(ResultSet rs) throws SQLException {
        try {
            return Optional.of(AuditLogRepository.read(rs));
        } catch (IllegalArgumentException | NullPointerException x) {
            return Optional.empty();
        }
    }

    /**
     * Whether the bad row at {@code seq} holds the unchanged content of another position: the position after the
     * row its prev_hash names, or before the row chained to its stored hash, confirmed by hashing it there.
     */
    private static Optional<AuditProblem> moved(Connection c, UUID tenant, long seq, Optional<AuditRecord> row,
                                                String stored) throws SQLException {
        if (row.isEmpty()) {
            return Optional.empty();
        }
        AuditRecord r = row.get();
        List<Long> candidates = new ArrayList<>();
        if (AuditHash.GENESIS.equals(r.prevHash())) {
            candidates.add(1L);
        }
        seqWhere(c, tenant, "hash", r.prevHash()).ifPresent(p -> candidates.add(p + 1));
        seqWhere(c, tenant, "prev_hash", stored).ifPresent(n -> candidates.add(n - 1));
        AuditLogRepository.head(c, tenant, "").filter(h -> h.hash().equals(stored))
                .ifPresent(h -> candidates.add(h.seq()));
        for (long origin : candidates) {
            if (origin != seq && AuditHash.of(origin, r.entry(), r.prevHash()).equals(stored)) {
                return Optional.of(new AuditProblem(tenant, seq, seq, AuditProblem.Kind.MOVED, "row " + seq
                        + " holds the content of row " + origin + " (rows swapped or reordered)"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> seqWhere(Connection c, UUID tenant, String column, String value)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM audit_log WHERE tenant_id = ? AND " + column + " = ? ORDER BY seq LIMIT 1")) {
            Sql.setAll(ps, tenant, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * @param problems every problem found, by tenant and seq; empty when every chain is intact
     * @param heads    each tenant's chain head (keep the hash elsewhere to detect a rewrite of the whole tail)
     * @param rows     how many rows were checked
     */
    public record Result(List<AuditProblem> problems, List<AuditLogRepository.ChainHead> heads, long rows) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }
}
