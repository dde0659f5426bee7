package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.sim.Simulator;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.testkit.Await;
import io.argus.testkit.tier.Kill;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of a recording server, then a restart on the same data directory: the chunk that was being
 * written is recovered up to its last complete fragment, indexed, and plays; nothing that reached the disk is lost.
 */
@Kill
class RecordingCrashTest {
    private static final int FPS = 25;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void killNineLosesAtMostTheFragmentInProgress(boolean encrypted) throws Exception {
        try (Simulator sim = Simulator.start(new Simulator.Config(1, "127.0.0.1", 0, Codec.H264, FPS, false))) {
            long recordedBeforeKill;
            UUID cam;
            try (ServerProcess server = ServerProcess.start(dataDir, "recording.chunkDuration=60s",
                    "recording.minFree=0", "crypto.encryptRecordings=" + encrypted)) {
                ArgusClient api = server.login();
                Answer a = api.post("/api/v1/cameras", "{\"name\":\"crash-cam\",\"url\":\"" + sim.url(1)
                        + "\",\"transport\":\"tcp\"}");
                assertThat(a.status()).as(a.body()).isEqualTo(201);
                cam = UUID.fromString(a.json().get("id").asText());
                String status = "/api/v1/cameras/" + cam + "/recording";
                await(() -> api.get(status).json().path("status").path("framesRecorded").asLong() >= 4 * FPS,
                        "four seconds recorded");
                recordedBeforeKill = api.get(status).json().path("status").path("framesRecorded").asLong();
                assertThat(api.get(status).json().path("status").path("chunks").asLong())
                        .as("still in the first chunk").isZero();
                assertThat(server.kill()).as("killed by SIGKILL").isEqualTo(ServerProcess.EXIT_SIGKILL);
            }

            try (ArgusServer restarted = ArgusServer.start(ArgusConfig.ephemeral(dataDir, Map.of(
                    "recording.minFree", "0", "crypto.encryptRecordings", Boolean.toString(encrypted))))) {
                List<ChunkRecord> rows = restarted.recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH,
                        Instant.now().plusSeconds(60));
                assertThat(rows).as("the open chunk was recovered and indexed").isNotEmpty();
                ChunkRecord r = rows.get(0);
                ByteBuf read;
                try (ReadableChunk chunk = restarted.recording().store().open(r.location())) {
                    read = chunk.read(0, Math.toIntExact(r.bytes()), PooledByteBufAllocator.DEFAULT);
                }
                byte[] file = new byte[read.readableBytes()];
                read.readBytes(file).release();
                byte[] stored = Files.readAllBytes(restarted.recording().store().localPath(r.location())
                        .orElseThrow());
                assertThat(stored.length == file.length).as("stored as is unless encrypted").isEqualTo(!encrypted);
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)))
                        .isEqualTo(r.sha256());
                Mp4Structure mp4 = Mp4Structure.validate(Unpooled.wrappedBuffer(file));
                long frames = mp4.samples(1).size();
                // Frames counted as recorded had reached a synced fragment or were in the fragment in progress
                // (at most 1 s of video, RecorderConfig.maxFragment); every synced one must be there, encrypted
                // too (each sync seals what it holds).
                assertThat(frames).as("frames recovered vs recorded before the kill")
                        .isGreaterThanOrEqualTo(recordedBeforeKill - FPS - 1);
                assertThat(r.duration()).isGreaterThanOrEqualTo(Duration.ofMillis((frames - 1) * 1000L / FPS));
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), condition, what);
    }
}
