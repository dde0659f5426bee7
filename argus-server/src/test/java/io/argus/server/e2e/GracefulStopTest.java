package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.sim.Simulator;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.integrity.ChainReport;
import io.argus.storage.integrity.ChainVerifier;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.Kill;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -TERM} of a node recording five cameras (a planned restart), then a start on the same data directory:
 * every camera's open chunk was closed and indexed by the stop, so every second up to the stop is recorded, the hash
 * chain holds, and the last chunk plays. A graceful stop must never lose what {@code kill -9} keeps.
 */
@Kill
class GracefulStopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FPS = 25;
    private static final int CAMERAS = 5;
    /** How far short of the stop a camera's recording may end: the simulator's pacing and the stop's own latency. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    @Test
    void sigtermIndexesEveryOpenChunk() throws Exception {
        Ffprobe.assumeInstalled();
        try (Simulator sim = Simulator.start(new Simulator.Config(CAMERAS, "127.0.0.1", 0, Codec.H264, FPS, false,
                true))) {
            List<UUID> cams = new ArrayList<>();
            long[] recordedBeforeStop = new long[CAMERAS];
            Instant stoppedAt;
            String log;
            try (ServerProcess server = ServerProcess.start(dataDir, "recording.chunkDuration=60s",
                    "recording.minFree=0")) {
                ArgusClient api = server.login();
                for (int i = 1; i <= CAMERAS; i++) {
                    Answer a = api.post("/api/v1/cameras", "{\"name\":\"stop-" + i + "\",\"url\":\""
                            + sim.url(i) + "\",\"transport\":\"tcp\"}");
                    assertThat(a.status()).as(a.body()).isEqualTo(201);
                    cams.add(UUID.fromString(a.json().get("id").asText()));
                }
                await(() -> cams.stream().allMatch(c -> status(api, c).path("framesRecorded").asLong() >= 4 * FPS),
                        "four seconds recorded on every camera");
                for (int i = 0; i < CAMERAS; i++) {
                    JsonNode s = status(api, cams.get(i));
                    assertThat(s.path("chunks").asLong()).as("still in the first chunk: the stop must close it")
                            .isZero();
                    recordedBeforeStop[i] = s.path("framesRecorded").asLong();
                }
                stoppedAt = Instant.now();
                assertThat(server.terminate()).as("ended by SIGTERM, hooks run").isEqualTo(ServerProcess.EXIT_SIGTERM);
                log = server.log();
            }
            List<Path> parts;
            try (Stream<Path> files = Files.walk(dataDir)) {
                parts = files.filter(p -> p.toString().endsWith(".part")).toList();
            }

            try (ArgusServer restarted = ArgusServer.start(ArgusConfig.ephemeral(dataDir, Map.of(
                    "recording.minFree", "0")))) {
                ArgusClient api = ArgusClient.local(restarted.httpPort()).login("admin",
                        Files.readString(dataDir.resolve("initial-admin-password")).strip());
                List<Double> lostSeconds = new ArrayList<>();
                for (int i = 0; i < CAMERAS; i++) {
                    JsonNode spans = api.get("/api/v1/cameras/" + cams.get(i) + "/recordings?from="
                            + stoppedAt.minusSeconds(60) + "&to=" + stoppedAt.plusSeconds(5)).json().path("spans");
                    // A camera with no span lost at least what it had recorded.
                    Instant end = spans.isEmpty() ? stoppedAt.minusMillis(recordedBeforeStop[i] * 1000 / FPS)
                            : Instant.parse(spans.get(spans.size() - 1).path("to").asText());
                    lostSeconds.add(Math.max(0, Duration.between(end, stoppedAt).toMillis()) / 1000.0);
                }
                assertThat(lostSeconds).as("seconds lost before the stop, per camera (log: %s)", log)
                        .allMatch(lost -> lost <= SLACK.toMillis() / 1000.0);
                for (int i = 0; i < CAMERAS; i++) {
                    UUID cam = cams.get(i);
                    List<ChunkRecord> rows = restarted.recording().index().find(Tenants.DEFAULT_ID, cam,
                            Instant.EPOCH, Instant.now().plusSeconds(60));
                    assertThat(rows).as("camera %d: its open chunk, indexed by the stop", i + 1).hasSize(1);
                    ChunkRecord r = rows.get(0);
                    ChainReport chain = new ChainVerifier(restarted.recording().index(), restarted.recording()
                            .store()).verify(Tenants.DEFAULT_ID, cam, r.start(), stoppedAt.plusSeconds(5));
                    assertThat(chain.ok()).as("chain: %s", chain).isTrue();
                    assertThat(decodedFrames(restarted, r)).as("camera %d: ffprobe decodes every recorded frame",
                            i + 1).isGreaterThanOrEqualTo(recordedBeforeStop[i]);
                }
            }
            assertThat(parts).as("nothing left half-written for start-up recovery").isEmpty();
            assertThat(log).as("the stop closed every chunk").doesNotContain("closing a chunk failed")
                    .doesNotContain("indexing").contains("Argus stopped");
        }
    }

    /** Frames ffprobe decodes from the chunk (read through the store, as playback reads it). */
    private long decodedFrames(ArgusServer server, ChunkRecord r) throws Exception {
        ByteBuf read;
        try (ReadableChunk chunk = server.recording().store().open(r.location())) {
            read = chunk.read(0, Math.toIntExact(r.bytes()), PooledByteBufAllocator.DEFAULT);
        }
        byte[] bytes = new byte[read.readableBytes()];
        read.readBytes(bytes).release();
        Path file = Files.write(dataDir.resolve("tail.mp4"), bytes);
        String out = Ffprobe.probe(file.toString(), "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames");
        return JSON.readTree(out).path("streams").get(0)
                .path("nb_read_frames").asLong();
    }

    private static JsonNode status(ArgusClient api, UUID cam) {
        return api.get("/api/v1/cameras/" + cam + "/recording").json().path("status");
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), condition, what);
    }
}
