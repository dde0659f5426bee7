package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.server.config.ConfigException;
import io.argus.sim.Simulator;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.testkit.tier.E2e;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several recording directories: each is a volume, and new chunks go to the one with most room. */
@E2e
class RecordingVolumesTest {
    @TempDir
    java.nio.file.Path dataDir;

    @Test
    void chunksSpreadOverEveryConfiguredDirectory() throws Exception {
        try (Simulator sim = Simulator.start(new Simulator.Config(1, "127.0.0.1", 0, Codec.H264, 25, false));
             ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dataDir, Map.of("admin.password", "pw",
                     "recording.dir", "disk-a,disk-b", "recording.maxSize", "64MiB", "recording.minFree", "0",
                     "recording.chunkDuration", "2s", "recording.syncInterval", "1s")))) {
            ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", "pw");
            UUID cam = UUID.fromString(api.post("/api/v1/cameras", "{\"name\":\"vols\",\"url\":\"" + sim.url(1)
                    + "\",\"transport\":\"tcp\"}").json().get("id").asText());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Set<String> volumes = Set.of();
            while (volumes.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                List<ChunkRecord> rows = server.recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH,
                        Instant.now().plusSeconds(60));
                volumes = rows.stream().map(ChunkRecord::volume).collect(Collectors.toSet());
            }
            assertThat(volumes).containsExactlyInAnyOrder("hot", "hot2");
            assertThat(Files.list(dataDir.resolve("disk-a").resolve(Tenants.DEFAULT_ID.toString())).count()).isOne();
            assertThat(Files.list(dataDir.resolve("disk-b").resolve(Tenants.DEFAULT_ID.toString())).count()).isOne();
        }
    }

    @Test
    void aDirectoryListedTwiceStopsStartUp() {
        assertThatThrownBy(() -> ArgusConfig.ephemeral(dataDir, Map.of("recording.dir", "a,./a")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recording.dir");
    }
}
