package io.argus.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.cli.ArgusCli;
import io.argus.server.config.ArgusConfig;
import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.evidence.EvidenceManifest;
import io.argus.storage.evidence.EvidenceVerifier;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.S3Proxies;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.Unpooled;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier conversion through the running server against s3proxy: a policy whose warm stage re-encodes to H.265, the
 * mover converting chunks on their way to the warm target, the index keeping both hashes, the chain verifying
 * (original links, converted objects), playback and export of the converted range (ffprobe reads HEVC), an
 * evidence package that says which it verified, and a chunk that cannot be converted moving as recorded.
 */
@E2e
class TierConversionTest {
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    S3Proxies s3;
    ArgusServer server;
    ArgusClient api;

    @BeforeEach
    void start() throws Exception {
        s3 = S3Proxies.start(dir.resolve("s3"), "us-bucket");
        String creds = ",pathStyle=true,accessKey=" + S3Proxies.ACCESS_KEY + ",secretKey=" + S3Proxies.SECRET_KEY;
        server = ArgusServer.start(ArgusConfig.ephemeral(dir.resolve("node"), Map.of("admin.password", "pw",
                "recording.minFree", "0", "storage.mover.interval", "1h", "storage.reencode.preset", "ultrafast",
                "storage.reencode.threads", "1",
                "storage.s3.targets", "us:endpoint=" + s3.endpoint() + ",region=us-east-1,bucket=us-bucket,prefix=a/"
                        + creds)));
        api = ArgusClient.local(server.httpPort()).login("admin", "pw");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        s3.close();
    }

    /** A camera with {@code n} back-to-back 4 s chunks of {@code sample} (with audio), indexed and chained. */
    private String camera(String name, SampleMedia sample, int n) throws Exception {
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"rtsp://127.0.0.1:9/" + name
                + "\",\"enabled\":false}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        String id = a.json().get("id").asText();
        VolumeStore store = server.recording().store();
        ChunkIndex index = server.recording().index();
        ChunkRecord prev = null;
        for (int i = 0; i < n; i++) {
            prev = ChunkFixtures.write(store, Tenants.DEFAULT_ID, UUID.fromString(id), T0.plusSeconds(4L * i),
                    sample, true, i * 100 * ChunkFixtures.FRAME_TICKS, prev);
            assertThat(index.add(prev)).isTrue();
        }
        return id;
    }

    private void assign(String cam, String policyBody) {
        Answer p = api.post("/api/v1/storage/policies", policyBody);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(api.send("PUT", "/api/v1/cameras/" + cam + "/storage-policy", "{\"policyId\":\""
                + p.json().get("id").asText() + "\"}").status()).isEqualTo(200);
    }

    private JsonNode run() {
        Answer a = api.post("/api/v1/storage/mover/run", "");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Bearer " + api.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void warmStageReencodesToH265AndPlaybackExportChainAndEvidenceHold() throws Exception {
        String cam = camera("lobby", SampleMedia.H264_360P25, 3);
        UUID camId = UUID.fromString(cam);
        String range = "?from=" + T0 + "&to=" + T0.plusSeconds(12);
        List<ChunkRecord> before = server.recording().index().find(Tenants.DEFAULT_ID, camId, T0,
                T0.plusSeconds(12));
        assertThat(api.post("/api/v1/storage/policies", "{\"name\":\"av1\",\"region\":\"us-east-1\",\"hotDays\":1,"
                + "\"warm\":{\"target\":\"us\",\"reencode\":{\"codec\":\"av1\",\"crf\":30}},\"deleteAfterDays\":30}")
                .json().get("message").asText()).contains("warm.reencode", "av1");
        assign(cam, "{\"name\":\"h265\",\"region\":\"us-east-1\",\"hotDays\":1,\"warm\":{\"target\":\"us\","
                + "\"storageClass\":\"STANDARD_IA\",\"reencode\":{\"codec\":\"h265\",\"kbps\":250}},"
                + "\"deleteAfterDays\":30}");
        assertThat(api.get("/api/v1/storage/policies").body()).contains("\"kbps\":250");

        JsonNode s = run();
        assertThat(s.get("movedTotal").asLong()).as(s.toString()).isEqualTo(3);
        JsonNode conv = s.get("conversions");
        assertThat(conv.get("converted").asLong()).as(s.toString()).isEqualTo(3);
        assertThat(conv.get("failed").asLong()).isZero();
        assertThat(conv.get("bytesOut").asLong()).isLessThan(conv.get("bytesIn").asLong());

        // The index keeps the original's size and hash (the chain's links) and the converted object's.
        List<ChunkRecord> after = server.recording().index().find(Tenants.DEFAULT_ID, camId, T0, T0.plusSeconds(12));
        Map<String, ChunkConversion> conversions = server.recording().index().conversions(Tenants.DEFAULT_ID, camId,
                T0, T0.plusSeconds(12));
        assertThat(after).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ChunkRecord a = after.get(i);
            assertThat(a.location()).startsWith("s3:us/");
            assertThat(a.sha256()).isEqualTo(before.get(i).sha256());
            assertThat(a.prevSha256()).isEqualTo(before.get(i).prevSha256());
            assertThat(a.start()).isEqualTo(before.get(i).start());
            assertThat(a.end()).isEqualTo(before.get(i).end());
            ChunkConversion c = conversions.get(a.location());
            assertThat(c).isNotNull();
            assertThat(c.describe()).isEqualTo("H265 250kbps");
            assertThat(c.sha256()).isNotEqualTo(a.sha256());
            assertThat(c.bytes()).isLessThan(a.bytes());
        }

        // The chain verifies: links through the originals' hashes, objects against the converted ones.
        JsonNode verify = api.get("/api/v1/cameras/" + cam + "/verify" + range).json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("verified").toString()).contains("converted copy (H265 250kbps)")
                .doesNotContain("\"original\"");

        // Playback and export of the converted range: HEVC that ffprobe reads and decodes.
        Ffprobe.assumeInstalled();
        Answer pl = api.get("/api/v1/cameras/" + cam + "/playback.m3u8" + range);
        assertThat(pl.status()).as(pl.body()).isEqualTo(200);
        HttpResponse<byte[]> first = get("/api/v1/cameras/" + cam + "/media/chunks/" + T0.toEpochMilli() + ".mp4");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Mp4Structure.validate(Unpooled.wrappedBuffer(first.body())).tracks())
                .extracting(Mp4Structure.Track::sampleEntry).containsExactly("hvc1", "mp4a");
        Ffprobe.Decoded played = Ffprobe.decode("http://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/" + cam
                + "/playback.m3u8" + range, api.token());
        assertThat(played.frames()).as(played.errors()).isEqualTo(300);
        HttpResponse<byte[]> mp4 = get("/api/v1/cameras/" + cam + "/export.mp4" + range);
        assertThat(mp4.statusCode()).isEqualTo(200);
        Path export = Files.write(dir.resolve("export.mp4"), mp4.body());
        Ffprobe.Probe probe = Ffprobe.probeStream(export, "v:0");
        assertThat(probe.stream().get("codec_name")).isEqualTo("hevc");
        assertThat(probe.stream().get("width")).isEqualTo("640");
        assertThat(probe.framePts()).hasSize(300);
        assertThat(Ffprobe.probeStream(export, "a:0").stream().get("codec_name")).isEqualTo("aac");
        assertThat(Ffprobe.decodeErrors(export)).isEmpty();

        // Evidence: the package verifies offline and says, per chunk, that a converted copy was verified.
        HttpResponse<byte[]> ev = get("/api/v1/cameras/" + cam + "/evidence" + range);
        assertThat(ev.statusCode()).isEqualTo(200);
        Path pkg = Files.write(dir.resolve("evidence.zip"), ev.body());
        EvidenceVerifier.Result r = EvidenceVerifier.verify(pkg, null);
        List<String> verified = new ArrayList<>();
        for (EvidenceManifest.Link l : r.manifest().chain().chunks()) {
            verified.add(l.verified());
            assertThat(l.convertedSha256()).isEqualTo(conversions.get(after.get(verified.size() - 1).location())
                    .sha256());
        }
        assertThat(verified).containsOnly("converted copy (H265 250kbps)").hasSize(3);
        assertThat(String.join("\n", r.checks())).contains("3 of 3 chunk(s) are stored as a converted copy");
    }

    @Test
    void aChunkThatCannotBeConvertedMovesAsRecordedCountedAndReported() throws Exception {
        String cam = camera("door", SampleMedia.H264_360P25, 1);
        UUID camId = UUID.fromString(cam);
        // Chunks in the index whose object the decoder cannot read: the camera's SPS is gone from the chunk.
        ChunkRecord good = server.recording().index().find(Tenants.DEFAULT_ID, camId, T0, T0.plusSeconds(4)).get(0);
        ChunkRecord broken = brokenChunk(camId, good);
        assign(cam, "{\"name\":\"h265\",\"region\":\"us-east-1\",\"hotDays\":1,\"warm\":{\"target\":\"us\","
                + "\"reencode\":{\"kbps\":300}},\"deleteAfterDays\":30}");
        // CRF 10 on the noisy sample comes out larger than the recording: no saving, so it moves as recorded.
        String yard = camera("yard", SampleMedia.H264_360P25, 1);
        assign(yard, "{\"name\":\"lossless-ish\",\"region\":\"us-east-1\",\"hotDays\":1,\"warm\":{\"target\":"
                + "\"us\",\"reencode\":{\"crf\":10}},\"deleteAfterDays\":30}");

        JsonNode s = run();
        assertThat(s.get("movedTotal").asLong()).as(s.toString()).isEqualTo(3);
        assertThat(s.get("conversions").get("converted").asLong()).isEqualTo(1);
        assertThat(s.get("conversions").get("failed").asLong()).isEqualTo(2);
        assertThat(api.get("/metrics").body()).contains("argus_storage_tier_conversion_failures 2.0");
        StringWriter out = new StringWriter();
        assertThat(ArgusCli.execute(new String[] {"storage", "status", "--url", "http://127.0.0.1:"
            + server.httpPort(), "--password", "pw"}, Map.of(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))).isZero();
        assertThat(out.toString()).contains("conversions:     1 converted", "2 moved unconverted",
                "last conversion failure:");
        assertThat(server.recording().index().conversions(Tenants.DEFAULT_ID, UUID.fromString(yard), T0,
                T0.plusSeconds(4))).isEmpty();
        assertThat(api.get("/api/v1/cameras/" + yard + "/verify?from=" + T0 + "&to=" + T0.plusSeconds(4)).json()
                .get("ok").asBoolean()).isTrue();
        Map<String, ChunkConversion> conversions = server.recording().index().conversions(Tenants.DEFAULT_ID, camId,
                T0, T0.plusSeconds(8));
        List<ChunkRecord> rows = server.recording().index().find(Tenants.DEFAULT_ID, camId, T0, T0.plusSeconds(8));
        assertThat(rows).allSatisfy(r -> assertThat(r.location()).startsWith("s3:us/"));
        assertThat(conversions).containsOnlyKeys(rows.get(0).location());
        JsonNode verify = api.get("/api/v1/cameras/" + cam + "/verify?from=" + T0 + "&to=" + T0.plusSeconds(8))
                .json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("verified").toString()).contains("converted copy (H265 300kbps)", "\"original\"");
    }

    /**
     * Indexes, after {@code prev}, a chunk whose video samples are zeroed: it parses, but no picture decodes, so
     * its conversion fails.
     */
    private ChunkRecord brokenChunk(UUID cam, ChunkRecord prev) throws Exception {
        Instant start = prev.end();
        VolumeStore store = server.recording().store();
        ChunkRecord r = ChunkFixtures.write(store, Tenants.DEFAULT_ID, cam, start, SampleMedia.H264_360P25, false,
                100 * ChunkFixtures.FRAME_TICKS, prev);
        Path file = store.localPath(r.location()).orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        Mp4Structure m = Mp4Structure.validate(Unpooled.wrappedBuffer(bytes));
        for (Mp4Structure.Fragment f : m.fragments()) {
            for (Mp4Structure.Run run : f.runs()) {
                long at = run.dataOffset();
                for (Mp4Structure.Sample x : run.samples()) {
                    // Keep each NAL unit's length and header byte; zero the slice data.
                    for (int i = 5; i < x.size(); i++) {
                        bytes[(int) (at + i)] = 0;
                    }
                    at += x.size();
                }
            }
        }
        Files.write(file, bytes);
        ChunkRecord rewritten = new ChunkRecord(r.tenant(), r.camera(), r.start(), r.end(), bytes.length, r.codec(),
                r.tier(), r.volume(), r.location(), sha256(bytes), r.prevSha256());
        assertThat(server.recording().index().add(rewritten)).isTrue();
        return rewritten;
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
