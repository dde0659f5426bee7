package io.argus.server.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.TenantScope;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Playback through the running server: a camera with chunks A (T0, 4 s), B (T0 + 4 s, 4 s), an outage, C (T0 +
 * 14 s, 4 s), each two GOPs of 2 s (50 frames), written like the recorder writes them into the server's own store
 * and index.
 */
@E2e
class PlaybackApiTest {
    /** The top of an hour two hours ago: recent enough for a live playlist, far enough to be over. */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @RegisterExtension
    static final TestNode node = TestNode.bare().set("recording.minFree", "0");
    static ArgusServer server;
    static ArgusClient api;
    static String cam;
    static List<ChunkRecord> chunks;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = node.server();
        api = node.api();
        cam = create("lobby");
        UUID camera = UUID.fromString(cam);
        VolumeStore store = server.recording().store();
        ChunkIndex index = server.recording().index();
        UUID t = Tenants.DEFAULT_ID;
        ChunkRecord a = ChunkFixtures.write(store, t, camera, T0, SampleMedia.H264_1080P25, false, 0, null);
        ChunkRecord b = ChunkFixtures.write(store, t, camera, T0.plusSeconds(4), SampleMedia.H264_1080P25, false,
                360_000, a);
        ChunkRecord c = ChunkFixtures.write(store, t, camera, T0.plusSeconds(14), SampleMedia.H264_1080P25, false,
                12_345, b);
        chunks = List.of(a, b, c);
        // The node's own index takes rows in the caller's tenant scope (row-level security on PostgreSQL).
        TenantScope.as(t, () -> {
            chunks.forEach(r -> assertThat(index.add(r)).isTrue());
            return null;
        });
    }

    static String create(String name) {
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"rtsp://127.0.0.1:9/" + name
                + "\",\"enabled\":false}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    static String at(long millis) {
        return T0.plusMillis(millis).toString();
    }

    static String base() {
        return "http://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/" + cam + "/";
    }

    @Test
    void ffmpegPlaysThePlaylistAcrossChunksAndTheGap() throws Exception {
        Answer p = api.get("/api/v1/cameras/" + cam + "/playback.m3u8?from=" + at(1000) + "&to=" + at(16_500));
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(p.contentType()).startsWith("application/vnd.apple.mpegurl");
        assertThat(p.body()).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST",
                "#EXT-X-PROGRAM-DATE-TIME:" + T0.plusSeconds(14).toString().replace("Z", ".000Z"));
        assertThat(p.body().lines().filter(l -> l.startsWith("#EXTINF:2.000,"))).hasSize(6);
        assertThat(p.body().lines().filter(l -> l.equals("#EXT-X-DISCONTINUITY"))).hasSize(2);
        assertThat(p.body()).contains("media/chunks/" + T0.toEpochMilli() + ".mp4");

        Ffprobe.assumeInstalled();
        Ffprobe.Decoded decoded = Ffprobe.decode(base() + "playback.m3u8?from=" + at(1000) + "&to=" + at(16_500),
                api.token());
        // Six GOPs of 50 pictures: A's two, B's two, C's two; every one decoded, without a decoder error.
        assertThat(decoded.frames()).as(decoded.errors()).isEqualTo(300);
        assertThat(decoded.errors()).doesNotContainIgnoringCase("error");
    }

    @Test
    void aRangeStillBeingRecordedIsAnEvent() {
        Answer p = api.get("/api/v1/cameras/" + cam + "/playback.m3u8?from=" + T0 + "&to="
                + Instant.now().plus(10, ChronoUnit.MINUTES));
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(p.body()).contains("#EXT-X-PLAYLIST-TYPE:EVENT").doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void exportAcrossTwoChunksAndTheGap() throws Exception {
        HttpResponse<byte[]> r = get("export.mp4?from=" + at(3000) + "&to=" + at(15_000), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("video/mp4");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"lobby-").endsWith(".mp4\"");
        assertThat(r.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(r.body().length);
        ByteBuf file = Unpooled.wrappedBuffer(r.body());
        try {
            Mp4Structure s = Mp4Structure.validate(file);
            assertThat(s.fragments()).hasSize(4);
            assertThat(s.samples(1)).hasSize(200);
        } finally {
            file.release();
        }
        Ffprobe.assumeInstalled();
        Path mp4 = node.dataDir().resolve("export.mp4");
        Files.write(mp4, r.body());
        String probe = Ffprobe.probe(mp4.toString(), "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames:format=duration");
        assertThat(probe).containsPattern("\"nb_read_frames\": \"200\"").containsPattern("\"duration\": \"8\\.0+\"");
        String first = Ffprobe.probe(mp4.toString(), "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "frame=key_frame,pts_time");
        assertThat(first).contains("\"key_frame\": 1").containsPattern("\"pts_time\": \"0\\.0+\"");
    }

    @Test
    void chunkByteRangesAreExact() throws Exception {
        ChunkRecord a = chunks.get(0);
        byte[] whole = Files.readAllBytes(server.recording().store().localPath(a.location()).orElseThrow());
        String path = "media/chunks/" + a.start().toEpochMilli() + ".mp4";

        HttpResponse<byte[]> all = get(path, null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Accept-Ranges")).contains("bytes");
        // The stored bytes with the decode times on the wall clock: same size, same payloads, tfdt since the epoch.
        assertThat(all.body()).hasSameSizeAs(whole);
        ByteBuf served = Unpooled.wrappedBuffer(all.body());
        ByteBuf stored = Unpooled.wrappedBuffer(whole);
        try {
            Mp4Structure s = Mp4Structure.validate(served);
            Mp4Structure f = Mp4Structure.validate(stored);
            assertThat(s.fragments()).extracting(x -> x.runs().get(0).baseMediaDecodeTime())
                    .containsExactly(T0.toEpochMilli() * 90, T0.toEpochMilli() * 90 + 180_000);
            for (int i = 0; i < f.fragments().size(); i++) {
                int payload = (int) f.fragments().get(i).runs().get(0).dataOffset();
                int end = (int) f.fragments().get(i).end();
                assertThat(served.slice(payload, end - payload)).isEqualTo(stored.slice(payload, end - payload));
            }
        } finally {
            served.release();
            stored.release();
        }
        whole = all.body();

        HttpResponse<byte[]> mid = get(path, "bytes=1000-1999");
        assertThat(mid.statusCode()).isEqualTo(206);
        assertThat(mid.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + whole.length);
        assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(whole, 1000, 2000));

        HttpResponse<byte[]> open = get(path, "bytes=" + (whole.length - 10) + "-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 10, whole.length));

        HttpResponse<byte[]> suffix = get(path, "bytes=-100");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 100, whole.length));

        HttpResponse<byte[]> past = get(path, "bytes=" + whole.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).contains("bytes */" + whole.length);

        assertThat(get("media/chunks/" + (a.start().toEpochMilli() + 1) + ".mp4", null).statusCode()).isEqualTo(404);
        assertThat(get("media/chunks/../../x.mp4", null).statusCode()).isEqualTo(404);
        assertThat(get("media/chunks/abc.mp4", null).statusCode()).isEqualTo(404);
    }

    @Test
    void recordingsListSpansAndGaps() {
        Answer r = api.get("/api/v1/cameras/" + cam + "/recordings?from=" + T0 + "&to=" + at(30_000));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("spans").toString()).isEqualTo("[{\"from\":\"" + T0 + "\",\"to\":\"" + at(8000)
                + "\"},{\"from\":\"" + at(14_000) + "\",\"to\":\"" + at(18_000) + "\"}]");
        assertThat(j.get("gaps").toString()).isEqualTo("[{\"from\":\"" + at(8000) + "\",\"to\":\"" + at(14_000)
                + "\"},{\"from\":\"" + at(18_000) + "\",\"to\":\"" + at(30_000) + "\"}]");
    }

    @Test
    void timelineOfADayWithItsBookmarks() {
        Answer b = api.post("/api/v1/cameras/" + cam + "/bookmarks", "{\"from\":\"" + at(2000) + "\",\"to\":\""
                + at(5000) + "\",\"note\":\"door opened\"}");
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        LocalDate day = LocalDate.ofInstant(T0, ZoneOffset.UTC);
        int minute = T0.atZone(ZoneOffset.UTC).getHour() * 60;
        Answer t = api.get("/api/v1/cameras/" + cam + "/timeline?day=" + day);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        JsonNode minutes = t.json().get("minutes");
        assertThat(minutes.size()).isEqualTo(1440);
        assertThat(minutes.get(minute).asDouble()).isEqualTo(12.0);
        assertThat(minutes.get(minute + 1).asDouble()).isEqualTo(0.0);
        assertThat(t.json().get("bookmarks").findValuesAsText("note")).contains("door opened");

        ZoneId paris = ZoneId.of("Europe/Paris");
        Answer local = api.get("/api/v1/cameras/" + cam + "/timeline?day=" + LocalDate.ofInstant(T0, paris)
                + "&tz=Europe/Paris");
        assertThat(local.status()).isEqualTo(200);
        int localMinute = T0.atZone(paris).getHour() * 60;
        assertThat(local.json().get("minutes").get(localMinute).asDouble()).isEqualTo(12.0);
        assertThat(local.json().get("tz").asText()).isEqualTo("Europe/Paris");

        assertThat(api.get("/api/v1/cameras/" + cam + "/timeline?day=2025-13-01").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/cameras/" + cam + "/timeline?day=" + day + "&tz=Mars/Olympus").json()
                .get("fields").has("tz")).isTrue();
    }

    @Test
    void bookmarksRoundTrip() {
        String other = create("yard");
        String path = "/api/v1/cameras/" + cam + "/bookmarks";
        Answer add = api.post(path, "{\"from\":\"" + at(15_000) + "\",\"to\":\"" + at(16_000) + "\"}");
        assertThat(add.status()).as(add.body()).isEqualTo(201);
        String id = add.json().get("id").asText();
        assertThat(add.json().get("note").asText()).isEmpty();
        assertThat(add.json().get("cameraId").asText()).isEqualTo(cam);

        assertThat(api.get(path).json().findValuesAsText("id")).contains(id);
        assertThat(api.get(path + "?from=" + at(15_500) + "&to=" + at(15_600)).json().findValuesAsText("id"))
                .containsExactly(id);
        assertThat(api.get(path + "?from=" + at(20_000) + "&to=" + at(30_000)).json().findValuesAsText("id"))
                .doesNotContain(id);
        // Another camera's route does not reach it.
        assertThat(api.delete("/api/v1/cameras/" + other + "/bookmarks/" + id).status()).isEqualTo(404);
        assertThat(api.delete(path + "/" + id).status()).isEqualTo(204);
        assertThat(api.delete(path + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(path + "/not-a-uuid").status()).isEqualTo(404);

        Answer bad = api.post(path, "{\"from\":\"yesterday\",\"to\":\"" + at(1) + "\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(bad.json().get("fields").has("from")).isTrue();
        assertThat(api.post(path, "{\"from\":\"" + at(5) + "\",\"to\":\"" + at(5) + "\"}").status()).isEqualTo(400);
        assertThat(api.post(path, "{\"from\":\"" + at(5) + "\",\"to\":\"" + at(6) + "\",\"note\":\""
                + "x".repeat(1001) + "\"}").status()).isEqualTo(400);
        assertThat(api.post(path, "{\"from\":\"" + at(5) + "\",\"to\":\"" + at(6) + "\",\"colour\":1}").status())
                .isEqualTo(400);
    }

    @Test
    void errorsAreClear() throws IOException {
        String playlist = "/api/v1/cameras/" + cam + "/playback.m3u8";
        Answer missing = api.get(playlist + "?to=" + at(1000));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("fields").has("from")).isTrue();
        assertThat(api.get(playlist + "?from=noon&to=" + at(1000)).status()).isEqualTo(400);
        Answer backwards = api.get(playlist + "?from=" + at(2000) + "&to=" + at(1000));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("message").asText()).contains("from must be before to");
        Answer tooLong = api.get("/api/v1/cameras/" + cam + "/export.mp4?from=" + T0 + "&to="
                + T0.plus(25, ChronoUnit.HOURS));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("message").asText()).contains("longer than 24 hours");
        Answer nothing = api.get(playlist + "?from=" + at(9000) + "&to=" + at(13_000));
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.json().get("error").asText()).isEqualTo("not_found");
        assertThat(nothing.json().get("message").asText()).isEqualTo("nothing recorded between " + at(9000)
                + " and " + at(13_000));
        assertThat(api.get("/api/v1/cameras/" + UUID.randomUUID() + "/playback.m3u8?from=" + T0 + "&to="
                + at(1000)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/cameras/" + cam + "/recordings?from=" + T0 + "&to=" + T0.plus(32,
                ChronoUnit.DAYS)).status()).isEqualTo(400);
        assertThat(api.withToken(null).get(playlist + "?from=" + T0 + "&to=" + at(1000)).status()).isEqualTo(401);

        // Two formats in one range: the export says where to split.
        String mixed = create("mixed");
        UUID camera = UUID.fromString(mixed);
        Instant t = T0.plusSeconds(600);
        ChunkRecord hd = ChunkFixtures.write(server.recording().store(), Tenants.DEFAULT_ID, camera, t,
                SampleMedia.H264_1080P25, false, 0, null);
        ChunkRecord sd = ChunkFixtures.write(server.recording().store(), Tenants.DEFAULT_ID, camera,
                t.plusSeconds(4), SampleMedia.H264_360P25, false, 360_000, hd);
        TenantScope.as(Tenants.DEFAULT_ID, () -> server.recording().index().add(hd)
                && server.recording().index().add(sd));
        Answer conflict = api.get("/api/v1/cameras/" + mixed + "/export.mp4?from=" + t + "&to=" + t.plusSeconds(8));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("error").asText()).isEqualTo("conflict");
        assertThat(conflict.json().get("fields").get("splitAt").asText()).isEqualTo(t.plusSeconds(4).toString());
        // The playlist has an init segment per chunk, so it plays both.
        assertThat(api.get("/api/v1/cameras/" + mixed + "/playback.m3u8?from=" + t + "&to=" + t.plusSeconds(8))
                .status()).isEqualTo(200);
    }

    @Test
    void aSignedPlaylistHandsItsSignatureToItsChunks() throws IOException {
        Answer urls = api.post("/api/v1/cameras/" + cam + "/media-urls", "{\"from\":\"" + T0 + "\",\"to\":\""
                + at(8000) + "\"}");
        assertThat(urls.status()).as(urls.body()).isEqualTo(200);
        String sig = urls.json().get("sig").asText();
        String q = "sig=" + java.net.URLEncoder.encode(sig, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<byte[]> p = getSigned("playback.m3u8?" + q + "&from=" + at(1000) + "&to=" + at(7000));
        assertThat(p.statusCode()).isEqualTo(200);
        String playlist = new String(p.body(), java.nio.charset.StandardCharsets.UTF_8);
        String chunk = playlist.lines().filter(l -> l.startsWith("media/chunks/")).findFirst().orElseThrow();
        assertThat(chunk).endsWith(".mp4?" + q);
        assertThat(getSigned(chunk).statusCode()).isEqualTo(200);
        // Outside the signed window: refused, for the playlist and for a chunk.
        assertThat(getSigned("playback.m3u8?" + q + "&from=" + at(1000) + "&to=" + at(16_000)).statusCode())
                .isEqualTo(403);
        assertThat(getSigned("media/chunks/" + chunks.get(2).start().toEpochMilli() + ".mp4?" + q).statusCode())
                .isEqualTo(403);
    }

    static HttpResponse<byte[]> getSigned(String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static HttpResponse<byte[]> get(String path, String range) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + api.token());
        if (range != null) {
            b.header("Range", range);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
