package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.metadata.TenantScope;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.sim.Simulator;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.testkit.Await;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings on two nodes (docs/cluster.md, "Serving any camera from any node"): each chunk's index row names the
 * node that wrote it (V15); node B asked for a recording still on node A's disk answers 503 {@code chunk_elsewhere}
 * naming node A, where it looked on its own disk before, while A serves it.
 */
@E2e
class ChunkElsewhereEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Enough that both nodes get some whatever ids they draw (all in one half of the shards: 1 in 128). */
    static final int CAMERAS = 8;

    @TempDir
    Path dir;

    @Test
    void nodeBRefusesARecordingOnNodeAsDiskThatNodeAServes() throws Exception {
        EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
        List<ArgusServer> nodes = new ArrayList<>();
        try (Simulator sim = Simulator.start(new Simulator.Config(CAMERAS, "127.0.0.1", 0, Codec.H264, 25, false))) {
            nodes.add(node("node-a", db));
            nodes.add(node("node-b", db));
            ArgusServer a = nodes.get(0);
            ArgusServer b = nodes.get(1);
            Await.until(WAIT, () -> a.cluster().ownedShards() > 0 && b.cluster().ownedShards() > 0,
                    () -> "the shards split between the nodes");
            ArgusClient adminA = ArgusClient.local(a.httpPort()).login("admin", ClusterNodes.PASSWORD);
            ArgusClient adminB = ArgusClient.local(b.httpPort()).login("admin", ClusterNodes.PASSWORD);
            List<UUID> cameras = new ArrayList<>();
            for (int i = 1; i <= CAMERAS; i++) {
                cameras.add(UUID.fromString(adminA.post("/api/v1/cameras", "{\"name\":\"cam" + i + "\",\"url\":\""
                        + sim.url(i) + "\"}").json().get("id").asText()));
            }
            ChunkRecord[] found = new ChunkRecord[1];
            Await.until(WAIT, () -> {
                for (UUID c : cameras) {
                    Optional<ChunkRecord> last = TenantScope.system(() -> b.recording().index()
                            .last(Tenants.DEFAULT_ID, c));
                    if (a.cluster().owns(c.toString()) && last.isPresent()) {
                        found[0] = last.get();
                        return true;
                    }
                }
                return false;
            }, () -> "node-a indexes a chunk of a camera it owns");
            ChunkRecord chunk = found[0];
            assertThat(chunk.writerNode()).as("the index row names its writer").isEqualTo("node-a");

            String export = "/api/v1/cameras/" + chunk.camera() + "/export.mp4?from=" + chunk.start() + "&to="
                    + chunk.end();
            Answer fromA = adminA.get(export);
            assertThat(fromA.status()).as(fromA.body()).isEqualTo(200);
            Answer fromB = adminB.get(export);
            assertThat(fromB.status()).as(fromB.body()).isEqualTo(503);
            assertThat(fromB.json().get("error").asText()).isEqualTo("chunk_elsewhere");
            assertThat(fromB.body()).contains("node-a");
            Answer playlistB = adminB.get("/api/v1/cameras/" + chunk.camera() + "/playback.m3u8?from="
                    + chunk.start() + "&to=" + chunk.end());
            assertThat(playlistB.status()).as(playlistB.body()).isEqualTo(503);
        } finally {
            nodes.forEach(ArgusServer::close);
        }
    }

    private ArgusServer node(String name, EmbeddedPostgres.Database db) {
        return ClusterNodes.start(dir, name, KafkaBrokers.shared().bootstrapServers(), db,
                Map.of("recording.chunkDuration", "2s"));
    }
}
