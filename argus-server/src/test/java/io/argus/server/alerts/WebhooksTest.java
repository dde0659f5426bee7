package io.argus.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.server.testing.TestNode;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventType;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks end to end: added through the API, an event on the node's event hub reaches a receiver on loopback as a
 * signed POST, a 500 is retried, a receiver that always fails ends in the dead letters, and targets in denied
 * ranges are refused.
 */
@E2e
class WebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "a-test-secret-of-some-length";

    @RegisterExtension
    static final TestNode node = TestNode.bare().set("webhooks.allowedAddresses", "127.0.0.0/8")
            .set("webhooks.retryInitial", "100ms").set("webhooks.maxAttempts", "3");

    @Test
    void aMatchingEventArrivesSignedAndA500IsRetried() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver(() -> answered.getAndIncrement() == 0 ? 500 : 204)) {
            UUID camera = UUID.randomUUID();
            JsonNode hook = created(node.api().post("/api/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"secret\":\"" + SECRET + "\",\"cameras\":[\"" + camera + "\"],\"types\":[\"object\"],"
                    + "\"classes\":[\"person\"]}"));
            assertThat(hook.get("secret").asText()).isEqualTo(SECRET);

            // Filtered out: another type, another class, another camera.
            publish(event(camera, EventType.MOTION, null));
            publish(event(camera, EventType.OBJECT, "car"));
            publish(event(UUID.randomUUID(), EventType.OBJECT, "person"));
            Event person = event(camera, EventType.OBJECT, "person");
            long published = System.nanoTime();
            publish(person);

            WebhookReceiver.Received first = receiver.requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            WebhookReceiver.Received retry = receiver.requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(retry).as("the retry after 500").isNotNull();
            System.out.printf("webhook on loopback: event published → first attempt received in %.1f ms, the retry"
                    + " (100 ms backoff) %.1f ms later%n", (first.nanos() - published) / 1e6,
                    (retry.nanos() - first.nanos()) / 1e6);
            for (WebhookReceiver.Received r : java.util.List.of(first, retry)) {
                long ts = Long.parseLong(r.header(WebhookSignature.TIMESTAMP_HEADER));
                assertThat(r.header(WebhookSignature.SIGNATURE_HEADER))
                        .isEqualTo(WebhookSignature.sign(SECRET, ts, r.body()))
                        .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(hmac(SECRET, ts + ".", r.body())));
                assertThat(r.header("content-type")).isEqualTo("application/json");
                assertThat(r.header(WebhookSignature.EVENT_HEADER)).isEqualTo("object");
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("id").asText()).isEqualTo(person.id().toString());
                assertThat(body.get("cameraId").asText()).isEqualTo(camera.toString());
                assertThat(body.get("class").asText()).isEqualTo("person");
            }
            assertThat(retry.header(WebhookSignature.DELIVERY_HEADER))
                    .isEqualTo(first.header(WebhookSignature.DELIVERY_HEADER));
            // Nothing else was sent: the other events did not match.
            assertThat(receiver.requests.poll(500, TimeUnit.MILLISECONDS)).isNull();

            Answer metrics = node.api().get("/metrics");
            assertThat(metrics.body()).contains("argus_webhook_delivery_seconds_count{outcome=\"delivered\"} 1")
                    .contains("argus_webhook_delivery_seconds_count{outcome=\"failed\"} 1");
            assertThat(node.api().get("/api/v1/webhooks/" + hook.get("id").asText() + "/deadletters").json())
                    .isEmpty();
            assertThat(node.api().delete("/api/v1/webhooks/" + hook.get("id").asText()).status()).isEqualTo(204);
        }
    }

    @Test
    void aReceiverThatAlwaysFailsEndsInTheDeadLetters() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(() -> 503)) {
            JsonNode hook = created(node.api().post("/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\"}"));
            String id = hook.get("id").asText();
            assertThat(hook.get("secret").asText()).hasSizeGreaterThanOrEqualTo(WebhookService.MIN_SECRET_LENGTH);
            Event e = event(UUID.randomUUID(), EventType.CAMERA, "down");
            publish(e);

            Await.until(WAIT, () -> !node.api().get("/api/v1/webhooks/" + id + "/deadletters").json().isEmpty(),
                    () -> "a dead letter");
            JsonNode letter = node.api().get("/api/v1/webhooks/" + id + "/deadletters").json().get(0);
            assertThat(letter.get("eventId").asText()).isEqualTo(e.id().toString());
            assertThat(letter.get("attempts").asInt()).isEqualTo(3);
            assertThat(letter.get("status").asInt()).isEqualTo(503);
            assertThat(letter.get("reason").asText()).isEqualTo("HTTP 503");
            assertThat(JSON.readTree(letter.get("body").asText()).get("id").asText()).isEqualTo(e.id().toString());
            assertThat(receiver.requests).hasSize(3);

            JsonNode listed = node.api().get("/api/v1/webhooks").json();
            assertThat(listed).anySatisfy(w -> {
                assertThat(w.get("id").asText()).isEqualTo(id);
                assertThat(w.has("secret")).isFalse();
            });
            assertThat(node.api().delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
            assertThat(node.api().get("/api/v1/webhooks/" + id + "/deadletters").status()).isEqualTo(404);
            assertThat(node.api().delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void targetsInDeniedRangesAndBadFiltersAreRefused() {
        for (String url : java.util.List.of("http://10.1.2.3/hook", "http://[fe80::1]:9/hook",
                "ftp://example.com/x", "http://user:pw@127.0.0.1/x", "not a url")) {
            Answer a = node.api().post("/api/v1/webhooks", "{\"url\":\"" + url + "\"}");
            assertThat(a.status()).as(url).isEqualTo(400);
            assertThat(a.json().get("error").asText()).isEqualTo("validation_failed");
        }
        assertThat(node.api().post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/x\",\"types\":[\"smoke\"]}")
                .status()).isEqualTo(400);
        assertThat(node.api().post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/x\",\"secret\":\"short\"}")
                .status()).isEqualTo(400);
        assertThat(node.api().post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/x\",\"cameras\":[\"x\"]}")
                .status()).isEqualTo(400);
    }

    @Test
    void theDefaultRangesRefuseLoopbackAndPrivateNetworks() throws Exception {
        WebhookTargets defaults = new WebhookTargets(io.argus.server.config.AddressRange.list(
                io.argus.server.config.ConfigKeys.WEBHOOKS_DENIED_ADDRESSES.defaultValue()), java.util.List.of());
        for (String url : java.util.List.of("http://127.0.0.1/x", "http://localhost/x", "http://192.168.1.2/x",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://[fd00::1]/x")) {
            assertThat(defaults.refusal(java.net.URI.create(url))).as(url).contains("denied address range");
        }
        assertThat(defaults.refusal(java.net.URI.create("http://93.184.216.34/x"))).isNull();
    }

    private static void publish(Event e) {
        node.server().events().accept(e, null);
    }

    private static Event event(UUID camera, EventType type, String label) {
        UUID tenant = UUID.fromString(node.api().get("/api/v1/me").json().get("tenantId").asText());
        Instant now = Instant.now();
        return new Event(tenant, UUID.randomUUID(), camera, type, now, type == EventType.MOTION ? null : now, null,
                label, type == EventType.OBJECT ? 0.9 : null, type == EventType.OBJECT
                        ? new EventBox(0.1, 0.2, 0.3, 0.4) : null, false);
    }

    private static JsonNode created(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    private static byte[] hmac(String secret, String prefix, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        mac.update(prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return mac.doFinal(body);
    }
}
