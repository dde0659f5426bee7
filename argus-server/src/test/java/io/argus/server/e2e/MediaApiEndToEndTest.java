package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.testkit.ManualClock;
import io.argus.testkit.tier.E2e;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Simulated 1080p H.264 and H.265 cameras → server → {@code snapshot.jpg}, with a bearer token and with signed
 * media URLs; the server runs on a manual clock so the snapshot cache and URL expiry move only when told.
 */
@E2e
class MediaApiEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T00:00:00Z"));
    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).plus(Codec.H265).clock(clock);
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static ArgusClient api;
    static String h264;
    static String h265;
    static String off;
    static double firstSnapshotMillis;

    record Got(int status, String contentType, String cacheControl, String takenAt, byte[] body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        api = node.api();
        h264 = node.camera(0);
        h265 = node.camera(1);
        off = node.addCamera("{\"name\":\"off-cam\",\"url\":\"rtsp://127.0.0.1:1/none\",\"enabled\":false}");
        long t = System.nanoTime();
        assertThat(get(snapshot(h264), api.token()).status()).isEqualTo(200);
        firstSnapshotMillis = (System.nanoTime() - t) / 1e6;
    }

    private static String snapshot(String id) {
        return "/api/v1/cameras/" + id + "/snapshot.jpg";
    }

    static Got get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.base() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Got(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Cache-Control").orElse(""),
                    r.headers().firstValue("X-Snapshot-Taken-At").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts a complete JPEG (SOI … EOI) that ImageIO reads, and returns it. */
    static BufferedImage jpeg(Got g) throws IOException {
        assertThat(g.status()).as(new String(g.body())).isEqualTo(200);
        assertThat(g.contentType()).isEqualTo("image/jpeg");
        assertThat(g.cacheControl()).isEqualTo("no-store");
        byte[] b = g.body();
        assertThat(new int[] {b[0] & 0xff, b[1] & 0xff}).as("SOI").containsExactly(0xff, 0xd8);
        assertThat(new int[] {b[b.length - 2] & 0xff, b[b.length - 1] & 0xff}).as("EOI").containsExactly(0xff, 0xd9);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
        assertThat(img).as("ImageIO reads it").isNotNull();
        return img;
    }

    private static void assertError(Got g, int status, String code) throws IOException {
        assertThat(g.status()).as(new String(g.body())).isEqualTo(status);
        assertThat(g.json().path("error").asText()).isEqualTo(code);
        assertThat(g.json().path("message").asText()).isNotBlank();
    }

    private static JsonNode mediaUrls(String id, String body) {
        Answer a = api.post("/api/v1/cameras/" + id + "/media-urls", body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void h264SnapshotIsAFullSizeJpeg() throws Exception {
        BufferedImage img = jpeg(get(snapshot(h264), api.token()));
        assertThat(img.getWidth()).isEqualTo(1920);
        assertThat(img.getHeight()).isEqualTo(1080);
    }

    @Test
    void h265SnapshotIsAFullSizeJpeg() throws Exception {
        BufferedImage img = jpeg(get(snapshot(h265), api.token()));
        assertThat(img.getWidth()).isEqualTo(1920);
        assertThat(img.getHeight()).isEqualTo(1080);
    }

    @Test
    void widthDownscales() throws Exception {
        BufferedImage img = jpeg(get(snapshot(h264) + "?width=640", api.token()));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
        assertError(get(snapshot(h264) + "?width=abc", api.token()), 400, "validation_failed");
        assertError(get(snapshot(h264) + "?width=5", api.token()), 400, "validation_failed");
        assertError(get(snapshot(h264) + "?quality=0", api.token()), 400, "validation_failed");
    }

    @Test
    void aCameraThatIsNotLiveIs503AndAnUnknownOne404() throws Exception {
        assertError(get(snapshot(off), api.token()), 503, "not_live");
        assertError(get(snapshot(UUID.randomUUID().toString()), api.token()), 404, "not_found");
        assertError(get(snapshot("no-such-camera"), api.token()), 404, "not_found");
    }

    @Test
    void snapshotsAreKeptForASecondAndMeasured() throws Exception {
        clock.advanceMillis(1000);
        Got first = get(snapshot(h264), api.token());
        jpeg(first);
        Got again = get(snapshot(h264), api.token());
        assertThat(again.takenAt()).as("kept").isEqualTo(first.takenAt());
        assertThat(again.body()).isEqualTo(first.body());
        clock.advanceMillis(1000);
        Got later = get(snapshot(h264), api.token());
        assertThat(later.takenAt()).as("made again after a second").isNotEqualTo(first.takenAt());
        assertThat(Instant.parse(later.takenAt())).isEqualTo(clock.instant());

        List<Double> misses = new ArrayList<>();
        List<Double> hits = new ArrayList<>();
        List<Double> json = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clock.advanceMillis(1000);
            misses.add(timed(snapshot(h264)));
            hits.add(timed(snapshot(h264)));
            hits.add(timed(snapshot(h264)));
            json.add(timed("/api/v1/cameras/" + h264));
        }
        System.out.printf("snapshot.jpg 1080p H.264 over HTTP: first in the JVM (loads FFmpeg) %.1f ms; "
                + "cache miss (grab + decode + JPEG) median %.1f ms, max %.1f ms; cached median %.2f ms, max %.2f ms; "
                + "%d bytes; for scale, GET /api/v1/cameras/{id} median %.2f ms%n", firstSnapshotMillis,
                median(misses), max(misses), median(hits), max(hits), later.body().length, median(json));
    }

    private static double timed(String path) {
        long t = System.nanoTime();
        Got g = get(path, api.token());
        double ms = (System.nanoTime() - t) / 1e6;
        assertThat(g.status()).isEqualTo(200);
        return ms;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    @Test
    void aSignedUrlOpensTheSnapshotWithoutAToken() throws Exception {
        JsonNode urls = mediaUrls(h264, "");
        String sig = urls.path("sig").asText();
        assertThat(urls.path("snapshot").asText()).isEqualTo(snapshot(h264) + "?sig=" + sig);
        for (String f : List.of("live", "liveWs", "playback", "export")) {
            assertThat(urls.path(f).asText()).startsWith("/api/v1/cameras/" + h264 + "/").endsWith("?sig=" + sig);
        }
        assertThat(Instant.parse(urls.path("expiresAt").asText()))
                .isEqualTo(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 3600));
        BufferedImage img = jpeg(get(urls.path("snapshot").asText() + "&width=320", null));
        assertThat(img.getWidth()).isEqualTo(320);
        // The other media paths open with the same signature: the live playlist...
        Got live = get(urls.path("live").asText(), null);
        assertThat(live.status()).as(new String(live.body())).isEqualTo(200);
        assertThat(new String(live.body())).startsWith("#EXTM3U");
        // ...and any media file under media/ passes the auth rule (this one does not exist: 404, not 401).
        assertError(get("/api/v1/cameras/" + h264 + "/media/seg-1.m4s?sig=" + sig, null), 404, "not_found");
        // ...and not without it.
        assertError(get("/api/v1/cameras/" + h264 + "/live.m3u8", null), 401, "unauthorized");
        assertError(get(snapshot(h264), null), 401, "unauthorized");
        // A signature opens media paths only, never the rest of the API.
        assertError(get("/api/v1/cameras/" + h264 + "?sig=" + sig, null), 401, "unauthorized");
        assertError(get("/api/v1/cameras?sig=" + sig, null), 401, "unauthorized");
    }

    @Test
    void aTamperedSignatureIs401() throws Exception {
        String sig = mediaUrls(h264, "{}").path("sig").asText();
        char[] c = sig.toCharArray();
        c[40] = c[40] == 'A' ? 'B' : 'A';
        assertError(get(snapshot(h264) + "?sig=" + new String(c), null), 401, "unauthorized");
        assertError(get(snapshot(h264) + "?sig=garbage", null), 401, "unauthorized");
        assertError(get(snapshot(h264) + "?sig=", null), 401, "unauthorized");
    }

    @Test
    void anExpiredSignatureIs403() throws Exception {
        String url = mediaUrls(h264, "{\"expiresInSeconds\": 60}").path("snapshot").asText();
        clock.advanceMillis(59_000);
        assertThat(get(url, null).status()).isEqualTo(200);
        clock.advanceMillis(1_000);
        assertError(get(url, null), 403, "url_expired");
    }

    @Test
    void aSignatureForOneCameraDoesNotOpenAnother() throws Exception {
        String sig = mediaUrls(h264, "").path("sig").asText();
        assertError(get(snapshot(h265) + "?sig=" + sig, null), 403, "forbidden");
        assertError(get("/api/v1/cameras/" + h265 + "/export.mp4?sig=" + sig, null), 403, "forbidden");
    }

    @Test
    void theRecordedRangeIsSignedAndEchoed() {
        JsonNode urls = mediaUrls(h264, "{\"expiresInSeconds\": 86400, \"from\": \"2025-05-31T10:00:00Z\", "
                + "\"to\": \"2025-05-31T12:00:00+02:00\"}");
        assertThat(urls.path("from").asText()).isEqualTo("2025-05-31T10:00:00Z");
        assertThat(urls.path("to").asText()).isEqualTo("2025-05-31T10:00:00Z");
    }

    @Test
    void mediaUrlRequestsAreValidatedAndNeedAToken() throws Exception {
        for (String body : List.of("{\"expiresInSeconds\": 0}", "{\"expiresInSeconds\": 86401}",
                "{\"from\": \"2025-05-31T11:00:00Z\", \"to\": \"2025-05-31T10:00:00Z\"}", "{\"from\": \"yesterday\"}",
                "{\"scope\": \"all\"}")) {
            Answer a = api.post("/api/v1/cameras/" + h264 + "/media-urls", body);
            assertThat(a.status()).as(body + " → " + a.body()).isEqualTo(400);
        }
        assertThat(api.post("/api/v1/cameras/" + UUID.randomUUID() + "/media-urls", "").status()).isEqualTo(404);
        String sig = mediaUrls(h264, "").path("sig").asText();
        Answer a = api.withToken(null).post("/api/v1/cameras/" + h264 + "/media-urls?sig=" + sig, "{}");
        assertThat(a.status()).isEqualTo(401);
        assertThat(Arrays.asList(a.json().path("error").asText())).containsExactly("unauthorized");
    }
}
