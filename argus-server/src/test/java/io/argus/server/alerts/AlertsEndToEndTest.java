package io.argus.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path: a simulated camera's moving picture → the node's analytics find motion → the event reaches a
 * webhook receiver as a signed POST (retried after a 500) and mosquitto gets it on the camera's motion topic.
 */
@E2e
class AlertsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "end-to-end-secret-0123456789";
    /** Started before the node (its mqtt.url), so the publisher connects at once rather than after a backoff. */
    private static final Mosquitto BROKER = broker();

    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1).set("analytics.enabled", "true")
            .set("webhooks.allowedAddresses", "127.0.0.0/8").set("webhooks.retryInitial", "200ms")
            .set("mqtt.url", BROKER.url());

    private static Mosquitto broker() {
        try {
            Mosquitto m = new Mosquitto(Files.createTempDirectory("argus-mosquitto"));
            return Mosquitto.installed() ? m.start() : m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        BROKER.close();
    }

    @Test
    void aMotionEventReachesTheWebhookSignedAndRetriedAndTheBroker() throws Exception {
        assumeTrue(Mosquitto.installed(), "mosquitto (Debian package mosquitto) is not installed");
        List<String[]> mqtt = new CopyOnWriteArrayList<>();
        MqttClient subscriber = new MqttClient(BROKER.url(), "test-" + UUID.randomUUID(), new MemoryPersistence());
        subscriber.setCallback(new MqttCollector(mqtt));
        subscriber.connect(new MqttConnectionOptions());
        subscriber.subscribe(new String[] {"argus/#"}, new int[] {1});

        AtomicInteger answers = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver(() -> answers.getAndIncrement() == 0 ? 500 : 200)) {
            assertThat(node.api().post("/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\""
                    + SECRET + "\",\"types\":[\"motion\"]}").status()).isEqualTo(201);
            String camera = node.addCamera("door", node.url(0));

            WebhookReceiver.Received first = receiver.requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            WebhookReceiver.Received retry = receiver.requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).as("a delivery").isNotNull();
            assertThat(retry).as("its retry after 500").isNotNull();
            assertThat(retry.header(WebhookSignature.DELIVERY_HEADER))
                    .isEqualTo(first.header(WebhookSignature.DELIVERY_HEADER));
            long ts = Long.parseLong(retry.header(WebhookSignature.TIMESTAMP_HEADER));
            assertThat(retry.header(WebhookSignature.SIGNATURE_HEADER))
                    .isEqualTo(WebhookSignature.sign(SECRET, ts, retry.body()));
            JsonNode event = JSON.readTree(retry.body());
            assertThat(event.get("type").asText()).isEqualTo("motion");
            assertThat(event.get("cameraId").asText()).isEqualTo(camera);

            String topic = "argus/" + node.api().get("/api/v1/me").json().get("tenantId").asText() + "/" + camera
                    + "/motion";
            Await.until(WAIT, () -> mqtt.stream().anyMatch(m -> m[0].equals(topic)
                    && m[1].contains(event.get("id").asText())), () -> "the event on " + topic + "; got "
                    + mqtt.stream().map(m -> m[0]).toList());
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    /** Collects (topic, payload) pairs. */
    private record MqttCollector(List<String[]> into) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
            into.add(new String[] {topic, new String(m.getPayload(), StandardCharsets.UTF_8)});
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
        }
    }
}
