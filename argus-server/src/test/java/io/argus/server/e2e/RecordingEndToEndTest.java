package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.Tenants;
import io.argus.server.testing.TestNode;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Span;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Simulator → ingest → recorder → chunk files and index rows, with settings and events over the API. */
@E2e
class RecordingEndToEndTest {
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(2).set("recording.chunkDuration", "2s")
            .set("recording.syncInterval", "1s").set("recording.minFree", "0");

    private static UUID addCamera(String name, int simCamera) {
        return UUID.fromString(node.addCamera(name, node.url(simCamera - 1)));
    }

    @Test
    void continuousRecordingWritesChainedChunksThatPlay() throws Exception {
        UUID cam = addCamera("rec-cont", 1);
        ChunkIndex index = node.server().recording().index();
        await(() -> index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60)).size() >= 3,
                "three chunks");
        JsonNode rec = node.api().get("/api/v1/cameras/" + cam + "/recording").json();
        assertThat(rec.path("mode").asText()).isEqualTo("continuous");
        assertThat(rec.path("status").path("state").asText()).isEqualTo("recording");
        assertThat(rec.path("status").path("framesDropped").asLong()).isZero();

        List<ChunkRecord> rows = index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60));
        for (int i = 0; i < rows.size(); i++) {
            ChunkRecord r = rows.get(i);
            byte[] file = Files.readAllBytes(node.server().recording().store().localPath(r.location()).orElseThrow());
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
        Ffprobe.assumeInstalled();
        Instant from = rows.get(0).start();
        Instant to = rows.get(rows.size() - 1).end();
        long expected = Math.round(Duration.between(from, to).toMillis() * 25 / 1000.0);
        long frames = Ffprobe.decode(node.base() + "/api/v1/cameras/" + cam + "/playback.m3u8?from=" + from + "&to="
                + to, node.api().token()).frames();
        assertThat(frames).as("frames decoded from the recorded range").isBetween(expected - 1, expected + 1);
    }

    @Test
    void eventsModeRecordsThePreBufferAndPostBufferOnly() throws Exception {
        UUID cam = addCamera("rec-events", 2);
        Answer put = node.api().send("PUT", "/api/v1/cameras/" + cam + "/recording",
                "{\"mode\":\"events\",\"preBufferSeconds\":2,\"postBufferSeconds\":1,\"retentionDays\":7}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("retentionDays").asInt()).isEqualTo(7);
        await(() -> "armed".equals(node.api().get("/api/v1/cameras/" + cam + "/recording").json().path("status")
                .path("state").asText()), "armed");
        long framesBefore = frames(cam);
        await(() -> frames(cam) >= framesBefore + 60, "more than two seconds of video while armed");
        ChunkIndex index = node.server().recording().index();
        assertThat(index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60)))
                .as("nothing recorded before an event").isEmpty();
        Instant at = Instant.now();
        Answer ev = node.api().post("/api/v1/cameras/" + cam + "/events", "{}");
        assertThat(ev.status()).isEqualTo(202);
        assertThat(ev.json().path("recordingUntil").isNull()).isFalse();
        await(() -> !index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60)).isEmpty()
                && "armed".equals(node.api().get("/api/v1/cameras/" + cam + "/recording").json().path("status")
                .path("state").asText()), "the event's chunk closed");
        List<ChunkRecord> rows = index.find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, Instant.now().plusSeconds(60));
        ChunkRecord first = rows.get(0);
        assertThat(first.start()).as("pre-buffer: starts at a keyframe at least 2 s before the event")
                .isBefore(at.minusMillis(1900)).isAfter(at.minusSeconds(5));
        assertThat(rows.get(rows.size() - 1).end()).as("post-buffer: ends about 1 s after the event")
                .isAfter(at.plusMillis(900)).isBefore(at.plusSeconds(4));
        assertThat(node.api().send("PUT", "/api/v1/cameras/" + cam + "/recording", "{\"mode\":\"sometimes\"}").status())
                .isEqualTo(400);
    }

    private static long frames(UUID cam) {
        return node.api().get("/api/v1/cameras/" + cam).json().path("status").path("frames").asLong();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(20), condition, what);
    }
}
