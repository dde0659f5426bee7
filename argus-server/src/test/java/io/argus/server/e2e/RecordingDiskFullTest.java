package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.sim.Simulator;
import io.argus.testkit.Await;
import io.argus.testkit.CapturedLog;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full volume whose recordings are all protected by a bookmark: recording pauses, says so (once) and counts what
 * it could not write; the index stays consistent; when the bookmark goes and retention frees space, recording
 * resumes on its own.
 */
@E2e
class RecordingDiskFullTest {
    @TempDir
    java.nio.file.Path dataDir;

    @Test
    void pausesWhenNothingCanBeFreedAndResumesWhenSpaceReturns() throws Exception {
        try (CapturedLog log = CapturedLog.start();
             Simulator sim = Simulator.start(new Simulator.Config(1, "127.0.0.1", 0, Codec.H264, 25, false));
             ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dataDir, Map.of("admin.password", "pw",
                     "recording.chunkDuration", "2s", "recording.syncInterval", "1s", "recording.maxSize", "2MiB",
                     "recording.minFree", "0")))) {
            ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", "pw");
            UUID cam = UUID.fromString(api.post("/api/v1/cameras", "{\"name\":\"full\",\"url\":\"" + sim.url(1)
                    + "\",\"transport\":\"tcp\"}").json().get("id").asText());
            Instant now = Instant.now();
            Answer bm = api.post("/api/v1/cameras/" + cam + "/bookmarks", "{\"from\":\""
                    + now.minusSeconds(3600) + "\",\"to\":\"" + now.plusSeconds(3600) + "\",\"note\":\"evidence\"}");
            assertThat(bm.status()).as(bm.body()).isEqualTo(201);
            String status = "/api/v1/cameras/" + cam + "/recording";

            await(() -> state(api, status).equals("paused_disk_full"), "recording paused on a full volume");
            server.recording().sweepNow();
            assertThat(state(api, status)).as("nothing could be freed: everything is bookmarked")
                    .isEqualTo("paused_disk_full");
            await(() -> api.get(status).json().path("status").path("framesDropped").asLong() > 25,
                    "frames not recorded are counted");
            JsonNode paused = api.get(status).json().path("status");
            assertThat(paused.path("lastError").asText()).contains("room");
            String metrics = api.get("/metrics").body();
            assertThat(metrics).as("the alert metric").containsPattern(
                    "argus_camera_recording_paused\\{[^}]*camera=\"full\"[^}]*\\} 1\\.0");
            assertThat(metrics).contains("argus_camera_recording_frames_not_recorded_total");
            List<ChunkRecord> before = rows(server, cam);
            assertThat(before).isNotEmpty().allSatisfy(r -> assertThat(Files.exists(
                    server.recording().store().localPath(r.location()).orElseThrow())).isTrue());

            assertThat(api.delete("/api/v1/cameras/" + cam + "/bookmarks/" + bm.json().get("id").asText())
                    .status()).isEqualTo(204);
            server.recording().sweepNow();
            await(() -> state(api, status).equals("recording"), "recording resumed by itself");
            await(() -> rows(server, cam).stream().anyMatch(r -> r.start().isAfter(before.get(before.size() - 1)
                    .end())), "new chunks after the pause");
            List<ChunkRecord> after = rows(server, cam);
            assertThat(after.get(0).start()).as("the oldest chunks were evicted to make room")
                    .isAfter(before.get(0).start());
            for (int i = 0; i < 3; i++) {
                server.recording().sweepNow();
            }
            // The 2 MiB volume never has the sweeper's headroom, but that is one condition, not one per sweep.
            assertThat(log.linesWith("recording volumes [hot] are")).as("the volume's state is logged once")
                    .hasSize(1);
        }
    }

    private static List<ChunkRecord> rows(ArgusServer server, UUID cam) {
        return server.recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60));
    }

    private static String state(ArgusClient api, String status) {
        return api.get(status).json().path("status").path("state").asText();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), condition, what);
    }
}
