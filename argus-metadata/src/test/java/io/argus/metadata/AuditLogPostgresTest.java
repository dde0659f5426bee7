package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.tier.E2e;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode: two "nodes" (two repositories, each with its own connections and its own in-JVM lock) append to
 * one tenant's chain on a real PostgreSQL at once. Only the row lock on the chain head serializes them; the chain
 * must come out whole, without a fork or a gap.
 */
@E2e
class AuditLogPostgresTest {
    static EmbeddedPostgres pg;
    static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void twoNodesAppendingAtOnceNeverForkTheChain() throws Exception {
        AuditLogRepository nodeA = new AuditLogRepository(ds);
        AuditLogRepository nodeB = new AuditLogRepository(ds);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<AuditRecord>> futures = new ArrayList<>();
        int n = 400;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            AuditLogRepository node = i % 2 == 0 ? nodeA : nodeB;
            int k = i;
            futures.add(pool.submit(() -> node.append(new AuditEntry(Tenants.DEFAULT_ID, Instant.now(), null,
                    "u" + k, "10.0.0.1", "live.view", "camera", UUID.randomUUID().toString(), AuditEntry.OK,
                    "{\"k\":" + k + "}"))));
        }
        for (Future<AuditRecord> f : futures) {
            f.get();
        }
        double ms = (System.nanoTime() - started) / 1e6;
        pool.shutdown();
        System.out.printf("PostgreSQL: %d appends from 2 nodes x 4 threads in %.0f ms (%.0f/s)%n", n, ms,
                n * 1000 / ms);
        assertThat(nodeA.head(Tenants.DEFAULT_ID).orElseThrow().seq()).isEqualTo(n);
        assertThat(futures.stream().map(f -> {
            try {
                return f.get().seq();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct().count()).isEqualTo(n);
        AuditChainVerifier.Result r = new AuditChainVerifier(ds).verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).isEqualTo(n);
    }
}
