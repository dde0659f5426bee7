package io.argus.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.metadata.AuditFilter;
import io.argus.metadata.AuditRecord;
import io.argus.metadata.Database;
import io.argus.metadata.Tenants;
import io.argus.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views become one row per session; details are JSON with long values cut. */
class AuditLogTest {
    @TempDir
    Path dir;
    Database db;
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    AuditLog log;
    AuditActor alice = new AuditActor(Tenants.DEFAULT_ID, UUID.randomUUID(), "alice", "10.0.0.5");
    AuditActor bob = new AuditActor(Tenants.DEFAULT_ID, UUID.randomUUID(), "bob", "10.0.0.6");

    @BeforeEach
    void open() {
        db = Database.openEmbedded(dir);
        log = new AuditLog(db.dataSource(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aViewingSessionIsOneRowUntilItHasBeenQuietForFiveMinutes() {
        assertThat(log.recordView(alice, AuditActions.LIVE_VIEW, "cam-1", Map.of("via", "hls"))).isPresent();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            assertThat(log.recordView(alice, AuditActions.LIVE_VIEW, "cam-1", Map.of("via", "hls"))).isEmpty();
        }
        assertThat(log.recordView(bob, AuditActions.LIVE_VIEW, "cam-1", Map.of())).as("another viewer").isPresent();
        assertThat(log.recordView(alice, AuditActions.LIVE_VIEW, "cam-2", Map.of())).as("another camera").isPresent();
        assertThat(log.recordView(alice, AuditActions.PLAYBACK, "cam-1", Map.of("session", "a/b"))).isPresent();
        assertThat(log.recordView(alice, AuditActions.PLAYBACK, "cam-1", Map.of("session", "c/d")))
                .as("another playback range").isPresent();
        assertThat(log.recordView(alice, AuditActions.LIVE_VIEW, "cam-1", Map.of("via", "rtsp")))
                .as("the same viewer on another transport").isPresent();
        clock.advance(AuditLog.VIEW_SESSION.plusSeconds(1));
        assertThat(log.recordView(alice, AuditActions.LIVE_VIEW, "cam-1", Map.of("via", "hls")))
                .as("a new session").isPresent();
        List<AuditRecord> rows = log.repository().find(AuditFilter.all(Tenants.DEFAULT_ID), 0);
        assertThat(rows).hasSize(7);
        assertThat(rows.get(3).entry().details()).doesNotContain("session");
    }

    @Test
    void detailsAreSortedJsonWithLongValuesCut() {
        AuditRecord r = log.record(alice, AuditActions.CAMERA_UPDATE, "camera", "c", "ok",
                Map.of("z", 1, "a", "x".repeat(1000), "q", "say \"hi\""));
        assertThat(r.entry().details()).startsWith("{\"a\":\"xxx").contains("…\",\"q\":\"say \\\"hi\\\"\",\"z\":1}");
        assertThat(r.entry().details().length()).isLessThan(400);
    }
}
