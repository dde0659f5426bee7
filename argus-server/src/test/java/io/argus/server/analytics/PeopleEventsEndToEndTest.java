package io.argus.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator streams people walking across a square (vtest.avi) → NanoDet finds them → an object event arrives
 * over Server-Sent Events → event recording, armed with a pre-buffer and recording nothing before the event, has
 * recorded the pre-buffer, and that span plays back.
 */
@E2e
class PeopleEventsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PRE_SECONDS = 3;
    /** The simulator's frame rate (TestNode's default) and GOP. */
    private static final int FPS = 25;
    private static final Duration GOP = Duration.ofSeconds(2);

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).people().set("analytics.enabled", "true")
            .set("analytics.detector", "nanodet").set("analytics.motionFps", "1")
            .set("analytics.detectionFps", "1");

    @Test
    void peopleMakeObjectEventsOverSseAndEventRecordingCoversThePreBuffer() throws Exception {
        String camera = node.camera(0);
        ok(node.api().put("/api/v1/cameras/" + camera + "/analytics", "{\"motion\":false,\"objects\":[]}"));
        ok(node.api().put("/api/v1/cameras/" + camera + "/recording", "{\"mode\":\"events\",\"preBufferSeconds\":"
                + PRE_SECONDS + ",\"postBufferSeconds\":2}"));
        Await.until(WAIT, () -> ok(node.api().get("/api/v1/cameras/" + camera + "/recording")).get("status")
                .get("state").asText().equals("armed"), () -> "recording armed, not recording");
        Instant armed = Instant.now();
        // Long enough without recording that the event's pre-buffer starts after a gap: the pre-buffer and a GOP.
        long sent = node.sim().framesSent();
        Await.until(WAIT, () -> node.sim().framesSent() >= sent + (PRE_SECONDS + 2 * GOP.toSeconds()) * FPS,
                () -> "the camera streamed on");

        CompletableFuture<JsonNode> first = firstEvent(camera);
        ok(node.api().put("/api/v1/cameras/" + camera + "/analytics",
                "{\"motion\":false,\"objects\":[\"person\"],\"minConfidence\":0.4}"));
        JsonNode event;
        try {
            event = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            // Detection off again, and one picture a second before that: on a loaded machine NanoDet falls behind
            // the camera, and the analytics loop's reader then never yields to the node's close.
            ok(node.api().put("/api/v1/cameras/" + camera + "/analytics", "{\"motion\":false,\"objects\":[]}"));
        }
        assertThat(event.get("type").asText()).isEqualTo("object");
        assertThat(event.get("class").asText()).isEqualTo("person");
        assertThat(event.get("confidence").asDouble()).isGreaterThanOrEqualTo(0.4);
        assertThat(Instant.parse(event.get("from").asText())).isAfter(armed);

        // Event recording wrote the pre-buffer: after arming nothing was recorded, and a span longer than the
        // post-buffer (2 s) can only have begun in the pre-buffer. Its place against the event's own time is not
        // asserted: the analytics time pictures from their first arrival and the recorder its chunks from its own
        // start, seconds apart on a loaded machine.
        String range = "?from=" + armed + "&to=" + Instant.now().plusSeconds(60);
        Await.until(WAIT, () -> preBuffered(camera, range, armed) != null,
                () -> "a recorded span of " + PRE_SECONDS + " s or more: "
                        + node.api().get("/api/v1/cameras/" + camera + "/recordings" + range).body());
        JsonNode span = preBuffered(camera, range, armed);
        Answer playlist = node.api().get("/api/v1/cameras/" + camera + "/playback.m3u8?from="
                + span.get("from").asText() + "&to=" + span.get("to").asText());
        assertThat(playlist.status()).as(playlist.body()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXTINF");
    }

    /** A recorded span that starts after {@code armed} and lasts the pre-buffer or more, or null. */
    private static JsonNode preBuffered(String camera, String range, Instant armed) {
        JsonNode spans = ok(node.api().get("/api/v1/cameras/" + camera + "/recordings" + range)).get("spans");
        for (JsonNode s : spans) {
            Instant from = Instant.parse(s.get("from").asText());
            if (from.isAfter(armed) && Duration.between(from, Instant.parse(s.get("to").asText()))
                    .compareTo(Duration.ofSeconds(PRE_SECONDS)) >= 0) {
                return s;
            }
        }
        return null;
    }

    private static CompletableFuture<JsonNode> firstEvent(String camera) {
        HttpRequest sse = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/events/stream?camera=" + camera
                + "&type=object&maxSeconds=60")).header("Authorization", "Bearer " + node.api().token())
                .header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenApply(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            try (Stream<String> lines = r.body()) {
                return lines.filter(l -> l.startsWith("data:")).findFirst().map(l -> read(l.substring(5).trim()))
                        .orElseThrow();
            }
        });
    }

    private static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
