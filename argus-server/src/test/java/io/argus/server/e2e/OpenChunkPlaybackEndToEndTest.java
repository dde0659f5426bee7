package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.E2e;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "What just happened?": two nodes with the default 60 s chunks, one recording in the clear and one encrypted, play
 * back "30 s ago to 5 s ago" while that minute's chunk is still open (not in the index): the recorded spans, the
 * timeline, an HLS playlist ffmpeg decodes frame for frame, an export ffprobe reads, and a growing playlist up to
 * about a second behind live. Before the recorder published its open chunk, all of it answered "nothing recorded".
 */
@E2e
class OpenChunkPlaybackEndToEndTest {
    /** The samples' keyframes are 2 s apart: a playlist runs from the GOP holding its start to the one holding its end. */
    static final double GOP_SECONDS = 2;
    static final int FPS = 25;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final TestNode clearNode = openChunkNode(false);
    @RegisterExtension
    static final TestNode encryptedNode = openChunkNode(true);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestNode openChunkNode(boolean encrypted) {
        return TestNode.withCameras(1).small().codec(Codec.H264, FPS).set("recording.minFree", "0")
                .set("recording.chunkDuration", "60s").set("crypto.encryptRecordings", Boolean.toString(encrypted));
    }

    static TestNode node(boolean encrypted) {
        return encrypted ? encryptedNode : clearNode;
    }

    @BeforeAll
    static void recordFortySeconds() {
        // 40 s of recording on both nodes: "30 s ago" is then inside the first (still open) 60 s chunk.
        for (boolean encrypted : List.of(false, true)) {
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(500),
                    () -> node(encrypted).api().get("/api/v1/cameras/" + node(encrypted).camera(0)).json()
                            .path("status").path("uptimeSeconds").asLong() >= 40, "40 s live");
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void playsBackThirtySecondsAgoToFiveSecondsAgoFromTheOpenChunk(boolean encrypted) throws Exception {
        ArgusServer server = node(encrypted).server();
        ArgusClient api = node(encrypted).api();
        UUID cam = UUID.fromString(node(encrypted).camera(0));
        String base = "/api/v1/cameras/" + cam + "/";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = now.minusSeconds(30);
        Instant to = now.minusSeconds(5);
        String range = "?from=" + from + "&to=" + to;
        assertThat(server.recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH, now.plusSeconds(60)))
                .as("the first chunk is still open: nothing is indexed").isEmpty();

        JsonNode recordings = api.get(base + "recordings" + range).json();
        assertThat(recordings.path("spans")).as(recordings.toString()).hasSize(1);
        assertThat(Instant.parse(recordings.path("spans").get(0).path("from").asText())).isEqualTo(from);
        assertThat(Instant.parse(recordings.path("spans").get(0).path("to").asText())).isEqualTo(to);
        assertThat(recordings.path("gaps")).as(recordings.toString()).isEmpty();

        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        JsonNode timeline = api.get(base + "timeline?day=" + day).json();
        double seconds = 0;
        for (JsonNode s : timeline.path("minutes")) {
            seconds += s.asDouble();
        }
        assertThat(seconds).as("seconds recorded today: the 40 s since the camera went live, to ~1 s behind now")
                .isGreaterThan(38);

        Answer playlist = api.get(base + "playback.m3u8" + range);
        assertThat(playlist.status()).as(playlist.body()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");
        double listed = extinfSeconds(playlist.body());
        assertThat(listed).as("the GOPs from the one holding `from` to the one holding `to`")
                .isBetween(25.0, 25 + 2 * GOP_SECONDS + 0.01);
        Ffprobe.assumeInstalled();
        assertThat(decodedFrames(server, api, base + "playback.m3u8" + range)).as("frames ffmpeg decodes")
                .isEqualTo(Math.round(listed * FPS));

        Path mp4 = dir.resolve("export-" + encrypted + ".mp4");
        HttpResponse<Path> export = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + base + "export.mp4" + range)).header("Authorization", "Bearer " + api.token())
                .build(), HttpResponse.BodyHandlers.ofFile(mp4));
        if (export.statusCode() != 200) {
            throw new AssertionError("export answered " + export.statusCode() + ": " + Files.readString(mp4));
        }
        JsonNode probe = new ObjectMapper().readTree(Ffprobe.probe(mp4.toString(), "-count_frames",
                "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames:format=duration"));
        long frames = probe.path("streams").get(0).path("nb_read_frames").asLong();
        double duration = probe.path("format").path("duration").asDouble();
        assertThat(duration).as("export duration: from the keyframe at or before `from` to `to`")
                .isBetween(25.0, 25 + GOP_SECONDS + 1.01);
        assertThat((double) frames).as("exported frames").isCloseTo(duration * FPS, within(1.0));
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aRangeReachingNowIsAGrowingPlaylistOfTheOpenChunk(boolean encrypted) throws Exception {
        ArgusServer server = node(encrypted).server();
        ArgusClient api = node(encrypted).api();
        String base = "/api/v1/cameras/" + node(encrypted).camera(0) + "/";
        Instant from = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        String range = "?from=" + from + "&to=" + Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

        String first = api.get(base + "playback.m3u8" + range).body();
        assertThat(first).contains("#EXT-X-PLAYLIST-TYPE:EVENT").doesNotContain("#EXT-X-ENDLIST");
        Instant edge = liveEdge(first);
        assertThat(Duration.between(edge, Instant.now()))
                .as("listed up to the last whole GOP: a GOP and the fragment being written behind live")
                .isLessThan(Duration.ofMillis((long) (GOP_SECONDS * 1000) + 1500));

        Await.until(Duration.ofSeconds(10), Duration.ofMillis(200),
                () -> liveEdge(api.get(base + "playback.m3u8" + range).body()).isAfter(edge), "the playlist to grow");
        String later = api.get(base + "playback.m3u8" + range).body();
        assertThat(later).as("what was listed stays as it was").startsWith(first.substring(0,
                first.lastIndexOf("#EXTINF")));

        Matcher chunk = Pattern.compile("(?m)^(media/chunks/\\d+\\.mp4)$").matcher(first);
        assertThat(chunk.find()).isTrue();
        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + base + chunk.group(1))).header("Authorization", "Bearer " + api.token())
                .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Cache-Control")).as("an open chunk grows").contains("no-cache");
        assertThat(part.headers().firstValue("ETag")).isEmpty();
    }

    /** Sum of the EXTINF durations. */
    static double extinfSeconds(String playlist) {
        BigDecimal sum = BigDecimal.ZERO;
        Matcher m = Pattern.compile("(?m)^#EXTINF:([0-9.]+),$").matcher(playlist);
        while (m.find()) {
            sum = sum.add(new BigDecimal(m.group(1)));
        }
        return sum.doubleValue();
    }

    /** Wall time just past the last listed segment: the last PROGRAM-DATE-TIME plus the EXTINFs after it. */
    static Instant liveEdge(String playlist) {
        int at = playlist.lastIndexOf("#EXT-X-PROGRAM-DATE-TIME:");
        String tail = playlist.substring(at);
        Instant start = Instant.parse(tail.substring("#EXT-X-PROGRAM-DATE-TIME:".length(), tail.indexOf('\n')));
        return start.plusNanos((long) (extinfSeconds(tail) * 1e9));
    }

    static long decodedFrames(ArgusServer server, ArgusClient api, String path) throws Exception {
        Ffprobe.Decoded decoded = Ffprobe.decode("http://127.0.0.1:" + server.httpPort() + path, api.token());
        assertThat(decoded.errors()).doesNotContainIgnoringCase("error");
        return decoded.frames();
    }
}
