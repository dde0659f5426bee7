package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit chain: appends, filters, and a verifier that names every kind of tampering. */
@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class AuditLogRepositoryTest {
    @Parameter
    Engine engine;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
    private static final UUID T = Tenants.DEFAULT_ID;

    @TempDir
    Path dir;
    Database db;
    AuditLogRepository log;
    AuditChainVerifier verifier;

    @BeforeEach
    void open() {
        db = engine.open(dir);
        log = new AuditLogRepository(db.dataSource());
        verifier = new AuditChainVerifier(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AuditRecord append(int i) {
        return log.append(new AuditEntry(T, T0.plusSeconds(i), null, "user" + (i % 3), "10.0.0." + i,
                i % 2 == 0 ? "camera.update" : "live.view", "camera", "cam-" + (i % 4), AuditEntry.OK,
                "{\"i\":" + i + "}"));
    }

    private void fill(int n) {
        for (int i = 1; i <= n; i++) {
            append(i);
        }
    }

    private void sql(String statement, Object... params) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            Sql.setAll(ps, params);
            assertThat(ps.executeUpdate()).isPositive();
        }
    }

    @Test
    void appendsChainRowsAndTheVerifierAcceptsThem() {
        AuditRecord first = append(1);
        AuditRecord second = append(2);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditHash.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(first.entry().at()).isEqualTo(Instant.parse("2026-01-01T00:00:01.123456Z"));
        List<AuditRecord> stored = log.find(AuditFilter.all(T), 0);
        assertThat(stored).containsExactly(first, second);
        AuditChainVerifier.Result r = verifier.verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.heads()).singleElement().satisfies(h -> assertThat(h.hash()).isEqualTo(second.hash()));
    }

    @Test
    void filtersAndPages() {
        fill(10);
        assertThat(log.find(new AuditFilter(T, null, null, "user1", null, null, null, 0), 0))
                .extracting(AuditRecord::seq).containsExactly(1L, 4L, 7L, 10L);
        assertThat(log.find(new AuditFilter(T, null, null, null, "camera.", null, null, 0), 0))
                .extracting(AuditRecord::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(log.find(new AuditFilter(T, null, null, null, "live.view", "camera", "cam-1", 0), 0))
                .extracting(AuditRecord::seq).containsExactly(1L, 5L, 9L);
        assertThat(log.find(new AuditFilter(T, T0.plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                T0.plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.MICROS), null, null, null, null, 0), 0))
                .extracting(AuditRecord::seq).containsExactly(3L, 4L, 5L);
        assertThat(log.find(new AuditFilter(T, null, null, null, null, null, null, 7), 2))
                .extracting(AuditRecord::seq).containsExactly(8L, 9L);
        assertThat(log.find(new AuditFilter(UUID.randomUUID(), null, null, null, null, null, null, 0), 0)).isEmpty();
    }

    @Test
    void concurrentAppendsNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<AuditRecord>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            int n = i;
            // Appends run in the actor's tenant (AuditLog): pool threads have no scope of their own.
            futures.add(pool.submit(() -> TenantScope.as(T, () -> append(n))));
        }
        for (Future<AuditRecord> f : futures) {
            f.get();
        }
        pool.shutdown();
        double appendMs = (System.nanoTime() - started) / 1e6;
        assertThat(log.head(T).orElseThrow().seq()).isEqualTo(200);
        long verifyStart = System.nanoTime();
        assertThat(verifier.verify().problems()).isEmpty();
        System.out.printf("%s: 200 appends from 8 threads in %.0f ms; verify %.0f ms%n", engine, appendMs,
                (System.nanoTime() - verifyStart) / 1e6);
    }

    @Test
    void anEditedRowIsNamed() throws SQLException {
        fill(5);
        sql("UPDATE audit_log SET outcome = 'failed' WHERE tenant_id = ? AND seq = 3", T);
        assertThat(verifier.verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AuditProblem.Kind.EDITED);
            assertThat(p.seq()).isEqualTo(3);
            assertThat(p.message()).contains("row 3 was edited");
        });
    }

    @Test
    void aRowEditedWithARecomputedHashIsNamedByItsSuccessor() throws SQLException {
        fill(5);
        AuditRecord r = log.find(new AuditFilter(T, null, null, null, null, null, null, 2), 1).get(0);
        AuditEntry e = r.entry();
        AuditEntry forged = new AuditEntry(e.tenantId(), e.at(), e.userId(), "someone-else", e.sourceIp(),
                e.action(), e.targetType(), e.targetId(), e.outcome(), e.details());
        sql("UPDATE audit_log SET user_name = ?, hash = ? WHERE tenant_id = ? AND seq = 3", "someone-else",
                AuditHash.of(3, forged, r.prevHash()), T);
        assertThat(verifier.verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AuditProblem.Kind.REWRITTEN);
            assertThat(p.seq()).isEqualTo(3);
        });
    }

    @Test
    void deletedRowsAreNamedInTheMiddleAndAtTheEnd() throws SQLException {
        fill(8);
        sql("DELETE FROM audit_log WHERE tenant_id = ? AND seq IN (3, 4)", T);
        sql("DELETE FROM audit_log WHERE tenant_id = ? AND seq = 8", T);
        List<AuditProblem> problems = verifier.verify().problems();
        assertThat(problems).extracting(AuditProblem::kind, AuditProblem::seq, AuditProblem::lastSeq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditProblem.Kind.DELETED, 3L, 4L),
                        org.assertj.core.groups.Tuple.tuple(AuditProblem.Kind.DELETED, 8L, 8L));
        assertThat(problems.get(0).message()).isEqualTo("rows 3-4 were deleted");
        assertThat(problems.get(1).message()).contains("row 8 was deleted from the end");
    }

    @Test
    void swappedRowsAreNamedAsMoved() throws SQLException {
        fill(6);
        // Swap rows 2 and 5 by renumbering: each keeps its own fields and hash but sits at the other's seq.
        sql("UPDATE audit_log SET seq = -1 WHERE tenant_id = ? AND seq = 2", T);
        sql("UPDATE audit_log SET seq = 2 WHERE tenant_id = ? AND seq = 5", T);
        sql("UPDATE audit_log SET seq = 5 WHERE tenant_id = ? AND seq = -1", T);
        List<AuditProblem> problems = verifier.verify().problems();
        assertThat(problems).extracting(AuditProblem::kind, AuditProblem::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditProblem.Kind.MOVED, 2L),
                        org.assertj.core.groups.Tuple.tuple(AuditProblem.Kind.MOVED, 5L));
        assertThat(problems.get(0).message()).isEqualTo("row 2 holds the content of row 5 (rows swapped or reordered)");
        assertThat(problems.get(1).message()).isEqualTo("row 5 holds the content of row 2 (rows swapped or reordered)");
    }

    @Test
    void adjacentRowsSwappedAreNamed() throws SQLException {
        fill(4);
        sql("UPDATE audit_log SET seq = -1 WHERE tenant_id = ? AND seq = 3", T);
        sql("UPDATE audit_log SET seq = 3 WHERE tenant_id = ? AND seq = 4", T);
        sql("UPDATE audit_log SET seq = 4 WHERE tenant_id = ? AND seq = -1", T);
        assertThat(verifier.verify().problems()).extracting(AuditProblem::kind, AuditProblem::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditProblem.Kind.MOVED, 3L),
                        org.assertj.core.groups.Tuple.tuple(AuditProblem.Kind.MOVED, 4L));
    }

    @Test
    void rowsAddedBehindTheLogsBackAreNamed() throws SQLException {
        fill(2);
        sql("INSERT INTO audit_log (" + AuditLogRepository.COLUMNS + ") VALUES (?, 3, ?, NULL, 'x', NULL, "
                + "'auth.login', NULL, NULL, 'ok', '{}', ?, ?)", T, T0, "a".repeat(64), "b".repeat(64));
        assertThat(verifier.verify().problems()).extracting(AuditProblem::kind)
                .contains(AuditProblem.Kind.INSERTED);
    }
}
