package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.E2e;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded playback and export in a rendition (issue 17): a simulated 1080p25 H.265 camera's recording played as
 * {@code playback.m3u8?rendition=360p} and exported as {@code export.mp4?rendition=360p} is 640x360 H.264 to
 * ffprobe; the export is labelled a transcode and shows in {@code GET /api/v1/transcodes} while it runs; a signed
 * playback URL plays its rendition; and a node whose transcodes are all taken refuses a playback rendition with 503
 * while the running live transcode's viewer keeps playing.
 */
@E2e
class PlaybackRenditionEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INIT = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"");

    @RegisterExtension
    static final TestNode NODE = TestNode.withCameras(2).codec(Codec.H265, 25).set("transcode.maxJobs", "1")
            .set("transcode.linger", "1s").set("recording.minFree", "0");
    static LiveFixture f;

    @TempDir
    Path dir;

    @BeforeAll
    static void recordTwelveSeconds() {
        f = new LiveFixture(NODE);
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> f.api.get("/api/v1/cameras/" + f.camera)
                .json().path("status").path("uptimeSeconds").asLong() >= 12, "12 s recorded");
    }

    @BeforeEach
    void noTranscodeRuns() {
        Await.until(Duration.ofSeconds(20), () -> transcodes().isEmpty(), () -> "no transcode runs: " + transcodes());
    }

    private static List<JsonNode> transcodes() {
        return f.api.get("/api/v1/transcodes").json().valueStream().toList();
    }

    private static String range() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return "?from=" + now.minusSeconds(10) + "&to=" + now.minusSeconds(4);
    }

    /** The first segment of a rendition playlist (its init section, then the segment) as one file. */
    private Path firstSegment(String playlist, String playlistPath, boolean bearer, String name) throws Exception {
        Matcher init = INIT.matcher(playlist);
        assertThat(init.find()).as(playlist).isTrue();
        String segment = playlist.lines().filter(l -> l.contains(".m4s")).findFirst().orElseThrow();
        String dirPath = playlistPath.substring(0, playlistPath.lastIndexOf('/') + 1);
        ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
        for (String uri : List.of(init.group(1), segment)) {
            HttpResponse<byte[]> r = f.get(dirPath + uri, bearer);
            assertThat(r.statusCode()).as(uri + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            mp4.writeBytes(r.body());
        }
        Path file = dir.resolve(name);
        Files.write(file, mp4.toByteArray());
        return file;
    }

    private static void assert360pH264(Path file) throws Exception {
        assertThat(Ffprobe.probeStream(file, "v:0").stream()).containsEntry("codec_name", "h264")
                .containsEntry("width", "640").containsEntry("height", "360");
        // ffmpeg's null muxer (1/25 s time base) complains of frames closer than 40 ms, which a recording of a
        // camera whose frames were stamped on arrival on a loaded machine has: the muxer's, not a decode error.
        assertThat(Ffprobe.decodeErrors(file)).filteredOn(l -> !l.contains("non monotonically increasing dts to muxer"))
                .isEmpty();
    }

    @Test
    void aRecordedRangePlaysAndExportsAs360pH264() throws Exception {
        Ffprobe.assumeInstalled();
        String path = f.cameraPath("playback.m3u8");
        HttpResponse<byte[]> r = f.get(path + range() + "&rendition=360p", true);
        String playlist = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(playlist).isEqualTo(200);
        assertThat(playlist).contains("#EXT-X-PROGRAM-DATE-TIME").contains("media/renditions/")
                .contains(".init.mp4?rendition=360p").contains(".m4s?rendition=360p").doesNotContain("BYTERANGE");
        assert360pH264(firstSegment(playlist, path, true, "playback-360p.mp4"));

        // The export runs while GET /api/v1/transcodes shows it, and says it is a transcode of the recording.
        HttpRequest export = HttpRequest.newBuilder(URI.create(f.base() + f.cameraPath("export.mp4") + range()
                + "&rendition=360p")).header("Authorization", "Bearer " + f.api.token()).build();
        CompletableFuture<HttpResponse<byte[]>> exported = f.http.sendAsync(export,
                HttpResponse.BodyHandlers.ofByteArray());
        Await.until(Duration.ofSeconds(30), () -> transcodes().stream().anyMatch(t -> t.path("source").asText()
                .equals("export") && t.path("rendition").asText().equals("360p")), () -> "the export in "
                + transcodes() + (exported.isDone() ? " (done already)" : ""));
        HttpResponse<byte[]> mp4 = exported.get();
        assertThat(mp4.statusCode()).as(new String(mp4.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(mp4.headers().firstValue("X-Argus-Transcode").orElse(""))
                .contains("rendition=360p").contains("not the recorded original");
        assertThat(mp4.headers().firstValue("X-Argus-Transcoded-From").orElse("")).contains("recorded chunks");
        assertThat(mp4.headers().firstValue("Content-Disposition").orElse("")).contains("-360p.mp4");
        Path file = dir.resolve("export-360p.mp4");
        Files.write(file, mp4.body());
        assert360pH264(file);
        assertThat(Double.parseDouble(Ffprobe.formatDuration(file))).as("about the 6 s asked for, whole GOPs")
                .isBetween(5.0, 10.5);
    }

    @Test
    void aSignedPlaybackUrlPlaysItsRendition() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode urls = f.api.post("/api/v1/cameras/" + f.camera + "/media-urls", "{\"from\":\""
                + now.minusSeconds(10) + "\",\"to\":\"" + now.minusSeconds(4) + "\"}").json();
        String signed = urls.path("playback").asText();
        assertThat(signed).as(urls.toString()).contains("sig=");
        String window = "&from=" + now.minusSeconds(10) + "&to=" + now.minusSeconds(4);
        HttpResponse<byte[]> r = f.get(signed + window + "&rendition=360p", false);
        String playlist = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(playlist).isEqualTo(200);
        assertThat(playlist).containsPattern("\\.init\\.mp4\\?sig=[^&\\s]+&rendition=360p");
        String path = URI.create(signed).getPath();
        assertThat(Ffprobe.probeStream(firstSegment(playlist, path, false, "signed-360p.mp4"), "v:0").stream())
                .containsEntry("codec_name", "h264");
        // The signature is scoped to its camera: with a rendition it opens no other camera's recording.
        String sig = signed.substring(signed.indexOf('?'));
        assertThat(f.get("/api/v1/cameras/" + NODE.camera(1) + "/playback.m3u8" + sig + window + "&rendition=360p",
                false)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aFullNodeRefusesAPlaybackRenditionWhileTheLiveTranscodeKeepsPlaying() throws Exception {
        LiveWsClient live = new LiveWsClient(f.http, "ws://127.0.0.1:" + f.server.httpPort() + "/api/v1/cameras/"
                + NODE.camera(1) + "/live.ws?rendition=360p", f.api.token());
        try {
            live.await(5, Duration.ofSeconds(60));
            String range = range();
            HttpResponse<byte[]> refused = f.get(f.cameraPath("playback.m3u8") + range + "&rendition=720p", true);
            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("transcode_full");
            assertThat(error.path("message").asText()).contains("maximum of 1 transcodes");
            HttpResponse<byte[]> export = f.get(f.cameraPath("export.mp4") + range + "&rendition=720p", true);
            assertThat(export.statusCode()).isEqualTo(503);
            // The untranscoded recording plays as before, and the live transcode's viewer keeps receiving.
            assertThat(f.get(f.cameraPath("playback.m3u8") + range, true).statusCode()).isEqualTo(200);
            int before = live.received();
            live.await(before + 25, Duration.ofSeconds(30));
            assertThat(live.closed).isNotDone();
            assertThat(transcodes()).hasSize(1);
        } finally {
            live.abort();
        }
    }
}
