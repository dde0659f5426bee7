package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.sim.Simulator;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Span;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulator → ingest → recorder → chunk files and index rows, with settings and events over the API. */
@E2e
class RecordingEndToEndTest {
    @TempDir
    static java.nio.file.Path dataDir;

    static Simulator sim;
    static ArgusServer server;
    static ArgusClient api;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(new Simulator.Config(2, "127.0.0.1", 0, Codec.H264, 25, false));
        server = ArgusServer.start(ArgusConfig.ephemeral(dataDir, Map.of("admin.password", "rec-secret",
                "recording.chunkDuration", "2s", "recording.syncInterval", "1s", "recording.minFree", "0")));
        api = ArgusClient.local(server.httpPort()).login("admin", "rec-secret");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static UUID addCamera(String name, int simCamera) {
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"" + sim.url(simCamera)
                + "\",\"transport\":\"tcp\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return UUID.fromString(a.json().get("id").asText());
    }

    @Test
    void continuousRecordingWritesChainedChunksThatPlay() throws Exception {
        UUID cam = addCamera("rec-cont", 1);
        ChunkIndex index = server.recording().index();
        await(() -> index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60)).size() >= 3,
                "three chunks");
        JsonNode rec = api.get("/api/v1/cameras/" + cam + "/recording").json();
        assertThat(rec.path("mode").asText()).isEqualTo("continuous");
        assertThat(rec.path("status").path("state").asText()).isEqualTo("recording");
        assertThat(rec.path("status").path("framesDropped").asLong()).isZero();

        List<ChunkRecord> rows = index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60));
        for (int i = 0; i < rows.size(); i++) {
            ChunkRecord r = rows.get(i);
            byte[] file = Files.readAllBytes(server.recording().store().localPath(r.location()).orElseThrow());
            assertThat(file.length).isEqualTo(r.bytes());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)))
                    .as("row hash").isEqualTo(r.sha256());
            if (i > 0) {
                assertThat(r.prevSha256()).as("hash chain").isEqualTo(rows.get(i - 1).sha256());
                assertThat(Duration.between(rows.get(i - 1).end(), r.start()).abs())
                        .as("consecutive chunks touch").isLessThan(Duration.ofMillis(100));
            }
            ByteBuf buf = Unpooled.wrappedBuffer(file);
            Mp4Structure mp4 = Mp4Structure.validate(buf);
            long frames = mp4.samples(1).size();
            double seconds = r.duration().toMillis() / 1000.0;
            assertThat(mp4.fragments().get(0).runs().get(0).samples().get(0).sync()).as("starts on a keyframe")
                    .isTrue();
            assertThat(frames).as("frames vs duration").isBetween(Math.round(seconds * 25) - 1,
                    Math.round(seconds * 25) + 1);
            assertThat(r.duration()).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4100));
            assertThat(r.codec()).isEqualTo("H264");
        }
        List<Span> spans = index.spans(Tenants.DEFAULT_ID, cam, rows.get(0).start(), rows.get(rows.size() - 1).end());
        assertThat(spans).as("one recorded span, no gap").hasSize(1);
        playsBackEveryFrame(cam, rows);
    }

    /** The recorded range as HLS through the API, decoded by ffmpeg: every frame of the chunks comes out. */
    private static void playsBackEveryFrame(UUID cam, List<ChunkRecord> rows) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(java.nio.file.Path.of("/usr/bin/ffmpeg")), "ffmpeg not installed");
        Instant from = rows.get(0).start();
        Instant to = rows.get(rows.size() - 1).end();
        long expected = Math.round(Duration.between(from, to).toMillis() * 25 / 1000.0);
        String url = "http://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/" + cam + "/playback.m3u8?from="
                + from + "&to=" + to;
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-headers", "Authorization: Bearer " + api.token()
                + "\r\n", "-i", url, "-map", "0:v", "-f", "framemd5", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long frames = out.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(frames).as("frames decoded from the recorded range").isBetween(expected - 1, expected + 1);
    }

    @Test
    void eventsModeRecordsThePreBufferAndPostBufferOnly() throws Exception {
        UUID cam = addCamera("rec-events", 2);
        Answer put = api.send("PUT", "/api/v1/cameras/" + cam + "/recording",
                "{\"mode\":\"events\",\"preBufferSeconds\":2,\"postBufferSeconds\":1,\"retentionDays\":7}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("retentionDays").asInt()).isEqualTo(7);
        await(() -> "armed".equals(api.get("/api/v1/cameras/" + cam + "/recording").json().path("status")
                .path("state").asText()), "armed");
        long framesBefore = frames(cam);
        await(() -> frames(cam) >= framesBefore + 60, "more than two seconds of video while armed");
        ChunkIndex index = server.recording().index();
        assertThat(index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60)))
                .as("nothing recorded before an event").isEmpty();
        Instant at = Instant.now();
        Answer ev = api.post("/api/v1/cameras/" + cam + "/events", "{}");
        assertThat(ev.status()).isEqualTo(202);
        assertThat(ev.json().path("recordingUntil").isNull()).isFalse();
        await(() -> !index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60)).isEmpty()
                && "armed".equals(api.get("/api/v1/cameras/" + cam + "/recording").json().path("status")
                .path("state").asText()), "the event's chunk closed");
        List<ChunkRecord> rows = index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60));
        ChunkRecord first = rows.get(0);
        assertThat(first.start()).as("pre-buffer: starts at a keyframe at least 2 s before the event")
                .isBefore(at.minusMillis(1900)).isAfter(at.minusSeconds(5));
        assertThat(rows.get(rows.size() - 1).end()).as("post-buffer: ends about 1 s after the event")
                .isAfter(at.plusMillis(900)).isBefore(at.plusSeconds(4));
        assertThat(api.send("PUT", "/api/v1/cameras/" + cam + "/recording", "{\"mode\":\"sometimes\"}").status())
                .isEqualTo(400);
    }

    private static long frames(UUID cam) {
        return api.get("/api/v1/cameras/" + cam).json().path("status").path("frames").asLong();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(20), condition, what);
    }
}
