package io.argus.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated camera streams its clip (testsrc2: moving shapes and a running counter) → the node's analytics find
 * motion → a motion event arrives over Server-Sent Events with a thumbnail, and the search finds it.
 */
@E2e
class EventsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).set("analytics.enabled", "true");

    @Test
    void aMotionEventArrivesOverSseWithAThumbnailAndTheSearchFindsIt() throws Exception {
        String camera = node.camera(0);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest sse = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/events/stream?camera=" + camera
                + "&type=motion&maxSeconds=60")).header("Authorization", "Bearer " + node.api().token())
                .header("Accept", "text/event-stream").build();
        CompletableFuture<JsonNode> first = http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines())
                .thenApply(r -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                            t -> assertThat(t).startsWith("text/event-stream"));
                    try (Stream<String> lines = r.body()) {
                        return lines.filter(l -> l.startsWith("data:")).findFirst()
                                .map(l -> read(l.substring(5).trim())).orElseThrow();
                    }
                });
        JsonNode event = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event.get("type").asText()).isEqualTo("motion");
        assertThat(event.get("cameraId").asText()).isEqualTo(camera);
        assertThat(event.get("box").get("w").asDouble()).isPositive();
        assertThat(event.get("playback").asText()).startsWith("/api/v1/cameras/" + camera + "/playback.m3u8?from=");

        HttpResponse<byte[]> thumb = http.send(HttpRequest.newBuilder(URI.create(node.base()
                + event.get("thumbnail").asText())).header("Authorization", "Bearer " + node.api().token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(thumb.body()).startsWith((byte) 0xff, (byte) 0xd8);

        JsonNode page = ok(node.api().get("/api/v1/events?camera=" + camera + "&type=motion&limit=10"));
        assertThat(page.get("events")).anySatisfy(e -> assertThat(e.get("id").asText())
                .isEqualTo(event.get("id").asText()));
        assertThat(node.anonymous().get("/api/v1/events").status()).isEqualTo(401);

        // Sampling at work: the node decoded fewer units than it received.
        Await.until(WAIT, () -> stats(camera).get("analysed").asLong() > 0, () -> "analysed pictures");
        JsonNode stats = stats(camera);
        assertThat(stats.get("decoded").asLong()).isLessThanOrEqualTo(stats.get("received").asLong());
        System.out.println("camera analytics: " + stats);
    }

    @Test
    void aStreamEndsWhenItsTokenIsRevoked() throws Exception {
        ArgusClient other = ArgusClient.of(node.base()).login("admin", TestNode.PASSWORD);
        HttpRequest sse = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/events/stream"))
                .header("Authorization", "Bearer " + other.token()).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> open = HttpClient.newHttpClient().sendAsync(sse,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = open.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> {
            try (Stream<String> lines = r.body()) {
                return lines.count();
            }
        });
        assertThat(other.post("/api/v1/auth/logout", "").status()).isBetween(200, 299);
        // The stream asks again every second: it ends soon after, with no events for the logged-out token.
        assertThat(ended.get(10, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void zonesObjectsAndRulesAreStoredAndBadOnesRefused() {
        String camera = node.camera(0);
        String body = "{\"motion\":true,\"objects\":[\"person\",\"car\"],\"minConfidence\":0.6,\"zones\":["
                + "{\"name\":\"door\",\"points\":[[0,0],[0.5,0],[0.5,1]]},"
                + "{\"name\":\"clock\",\"points\":[[0.8,0],[1,0],[1,0.1],[0.8,0.1]],\"mask\":true}],"
                + "\"rules\":[{\"name\":\"lingering\",\"type\":\"loitering\",\"area\":\"door\","
                + "\"classes\":[\"person\"],\"dwellSeconds\":30}]}";
        JsonNode put = ok(node.api().put("/api/v1/cameras/" + camera + "/analytics", body));
        assertThat(put.get("objects")).hasSize(2);
        JsonNode got = ok(node.api().get("/api/v1/cameras/" + camera + "/analytics"));
        assertThat(got.get("minConfidence").asDouble()).isEqualTo(0.6);
        assertThat(got.get("zones").get(1).get("mask").asBoolean()).isTrue();
        assertThat(got.get("zones").get(0).get("points").get(1).get(0).asDouble()).isEqualTo(0.5);
        assertThat(got.get("rules").get(0).get("dwellSeconds").asInt()).isEqualTo(30);

        Answer outside = node.api().put("/api/v1/cameras/" + camera + "/analytics",
                "{\"zones\":[{\"name\":\"x\",\"points\":[[0,0],[2,0],[0,1]]}]}");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(node.api().put("/api/v1/cameras/" + camera + "/analytics", "{\"minConfidence\":2}").status())
                .isEqualTo(400);
        assertThat(node.api().get("/api/v1/events?type=sunset").status()).isEqualTo(400);
        assertThat(node.api().get("/api/v1/events?cursor=nonsense").status()).isEqualTo(400);
        // Back to motion over the whole frame for the other test.
        ok(node.api().put("/api/v1/cameras/" + camera + "/analytics", "{\"objects\":[],\"zones\":[],\"rules\":[]}"));
    }

    private static JsonNode stats(String camera) {
        return ok(node.api().get("/api/v1/cameras/" + camera + "/analytics")).get("stats");
    }

    private static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
