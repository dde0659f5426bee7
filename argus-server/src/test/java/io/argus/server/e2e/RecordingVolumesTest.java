package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.metadata.Tenants;
import io.argus.server.config.ArgusConfig;
import io.argus.server.config.ConfigException;
import io.argus.server.testing.TestNode;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Several recording directories: each is a volume, and new chunks go to the one with most room. */
@E2e
class RecordingVolumesTest {
    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).set("recording.dir", "disk-a,disk-b")
            .set("recording.maxSize", "64MiB").set("recording.minFree", "0").set("recording.chunkDuration", "2s")
            .set("recording.syncInterval", "1s");

    @Test
    void chunksSpreadOverEveryConfiguredDirectory() throws Exception {
        UUID cam = UUID.fromString(node.camera(0));
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(50), () -> volumes(cam).size() >= 2,
                "chunks on two volumes");
        assertThat(volumes(cam)).containsExactlyInAnyOrder("hot", "hot2");
        java.nio.file.Path tenant = java.nio.file.Path.of(Tenants.DEFAULT_ID.toString());
        assertThat(Files.list(node.dataDir().resolve("disk-a").resolve(tenant)).count()).isOne();
        assertThat(Files.list(node.dataDir().resolve("disk-b").resolve(tenant)).count()).isOne();
    }

    private static Set<String> volumes(UUID cam) {
        return node.server().recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH,
                Instant.now().plusSeconds(60)).stream().map(ChunkRecord::volume).collect(Collectors.toSet());
    }

    @Test
    void aDirectoryListedTwiceStopsStartUp(@TempDir java.nio.file.Path dataDir) {
        assertThatThrownBy(() -> ArgusConfig.ephemeral(dataDir, Map.of("recording.dir", "a,./a")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recording.dir");
    }
}
