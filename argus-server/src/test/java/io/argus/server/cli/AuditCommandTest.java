package io.argus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.metadata.AuditEntry;
import io.argus.metadata.AuditLogRepository;
import io.argus.metadata.Database;
import io.argus.metadata.Tenants;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argus audit verify}: exit 0 on an intact log with each tenant's head printed, 1 without a database. */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void anIntactLogExitsZeroAndPrintsTheHead() {
        String head;
        try (Database db = Database.openEmbedded(dir)) {
            AuditLogRepository log = new AuditLogRepository(db.dataSource());
            for (int i = 0; i < 3; i++) {
                log.append(new AuditEntry(Tenants.DEFAULT_ID, Instant.now(), null, "admin", "127.0.0.1",
                        "auth.login", "user", null, AuditEntry.OK, "{}"));
            }
            head = log.head(Tenants.DEFAULT_ID).orElseThrow().hash();
        }
        ArgusCliTest.Run r = ArgusCliTest.run(Map.of(), "audit", "verify", "--data-dir", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK: 3 rows checked, 0 problems").contains("seq 3 " + head);
    }

    @Test
    void noDatabaseIsAnErrorNotAnEmptyLog() {
        ArgusCliTest.Run r = ArgusCliTest.run(Map.of(), "audit", "verify", "--data-dir", dir.resolve("nope").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("no Argus data in");
    }
}
