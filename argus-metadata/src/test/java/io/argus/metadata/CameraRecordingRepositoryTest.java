package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class CameraRecordingRepositoryTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void putReplacesAndFindsPerTenant() {
        try (Database db = engine.open(dir)) {
            CameraRecordingRepository repo = new CameraRecordingRepository(db.dataSource());
            UUID cam = UUID.randomUUID();
            Instant t = Instant.parse("2026-11-23T10:00:00Z");
            assertThat(repo.find(Tenants.DEFAULT_ID, cam)).isEmpty();
            repo.put(new CameraRecording(Tenants.DEFAULT_ID, cam, "EVENTS", Duration.ofSeconds(5),
                    Duration.ofSeconds(20), 7, t));
            repo.put(new CameraRecording(Tenants.DEFAULT_ID, cam, "OFF", Duration.ofSeconds(3),
                    Duration.ofSeconds(4), 30, t.plusSeconds(1)));
            CameraRecording r = repo.find(Tenants.DEFAULT_ID, cam).orElseThrow();
            assertThat(r.mode()).isEqualTo("OFF");
            assertThat(r.preBuffer()).isEqualTo(Duration.ofSeconds(3));
            assertThat(r.postBuffer()).isEqualTo(Duration.ofSeconds(4));
            assertThat(r.retentionDays()).isEqualTo(30);
            assertThat(repo.listAll()).hasSize(1);
            assertThat(repo.find(UUID.randomUUID(), cam)).isEmpty();
            repo.delete(Tenants.DEFAULT_ID, cam);
            assertThat(repo.find(Tenants.DEFAULT_ID, cam)).isEmpty();
        }
    }
}
