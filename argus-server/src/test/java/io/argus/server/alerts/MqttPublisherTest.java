package io.argus.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.server.config.AlertsConfig;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.Await;
import io.argus.testkit.tier.Interop;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events published to a real broker (mosquitto, started here on a free loopback port), read back by a subscriber
 * with the same client library; a broker that is down never blocks the event path (drops are counted) and the
 * publisher reconnects when it is back.
 */
@Interop
class MqttPublisherTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Function<Event, byte[]> JSON = e -> ("{\"id\":\"" + e.id() + "\",\"type\":\""
            + e.type().wireName() + "\"}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private record Message(String topic, String payload, boolean retained, long nanos) {
    }

    @BeforeAll
    static void mosquittoIsInstalled() {
        assumeTrue(Mosquitto.installed(), "mosquitto (Debian package mosquitto) is not installed");
    }

    @Test
    void anEventArrivesOnItsCameraAndTypeTopicWithItsDiscovery() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             MqttPublisher publisher = new MqttPublisher(config(broker, true, 100), JSON, new SimpleMeterRegistry())) {
            Messages received = new Messages();
            MqttClient subscriber = subscribe(broker, received, "argus/#", "homeassistant/#");
            Event e = event(EventType.OBJECT);
            long offered = System.nanoTime();
            publisher.onEvent(e);

            String topic = "argus/" + e.tenant() + "/" + e.camera() + "/object";
            Message m = received.on(topic);
            assertThat(m.payload()).contains(e.id().toString());
            System.out.printf("MQTT on loopback: event offered → subscriber got it in %.1f ms (with its discovery"
                    + " config first)%n", (m.nanos() - offered) / 1e6);
            assertThat(m.retained()).isFalse();
            Message discovery = received.on("homeassistant/binary_sensor/argus_"
                    + e.camera().toString().replace("-", "") + "_object/config");
            assertThat(discovery.payload()).contains("\"state_topic\":\"" + topic + "\"")
                    .contains("\"availability_topic\":\"argus/status\"");
            Await.until(WAIT, () -> publisher.published() == 1, () -> "1 published, got " + publisher.published());
            assertThat(publisher.dropped()).isZero();
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void aDownBrokerNeverBlocksEventsAndThePublisherReconnects() throws Exception {
        Mosquitto broker = new Mosquitto(dir);
        try (MqttPublisher publisher = new MqttPublisher(config(broker, false, 2), JSON, new SimpleMeterRegistry())) {
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                publisher.onEvent(event(EventType.MOTION));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
            assertThat(publisher.dropped()).isEqualTo(3);

            broker.start();
            Messages received = new Messages();
            MqttClient subscriber = subscribe(broker, received, "argus/#");
            // The two queued while the broker was down go out once the publisher reconnects (perhaps before this
            // subscriber listened); one more, offered once the queue has room again, proves the path.
            Await.until(WAIT, () -> publisher.published() == 2, () -> "2 published, got " + publisher.published());
            Event after = event(EventType.RULE);
            publisher.onEvent(after);
            Message m = received.on("argus/" + after.tenant() + "/" + after.camera() + "/rule");
            assertThat(m.payload()).contains(after.id().toString());
            Await.until(WAIT, () -> publisher.published() == 3, () -> "3 published, got " + publisher.published());
            assertThat(publisher.dropped()).isEqualTo(3);

            subscriber.disconnect();
            subscriber.close();
            broker.stop();
            broker.start();
            Messages again = new Messages();
            MqttClient second = subscribe(broker, again, "argus/#");
            Event later = event(EventType.CAMERA);
            publisher.onEvent(later);
            assertThat(again.on("argus/" + later.tenant() + "/" + later.camera() + "/camera").payload())
                    .contains(later.id().toString());
            second.disconnect();
            second.close();
        } finally {
            broker.close();
        }
    }

    private static AlertsConfig.Mqtt config(Mosquitto broker, boolean discovery, int queue) {
        return new AlertsConfig.Mqtt(broker.url(), "", "", "argus", discovery, "homeassistant", queue);
    }

    private static MqttClient subscribe(Mosquitto broker, Messages into, String... filters) throws MqttException {
        MqttClient c = new MqttClient(broker.url(), "test-" + UUID.randomUUID(), new MemoryPersistence());
        c.setCallback(into);
        c.connect(new MqttConnectionOptions());
        // Paho 1.2.5's subscribe(String, int, listener) calls itself until the stack overflows: a callback instead.
        c.subscribe(filters, java.util.Arrays.stream(filters).mapToInt(f -> 1).toArray());
        return c;
    }

    /** Every message a subscriber got, in order. */
    private static final class Messages implements MqttCallback {
        final List<Message> all = new CopyOnWriteArrayList<>();

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            all.add(new Message(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(),
                    System.nanoTime()));
        }

        /** The first message on {@code topic}, awaited. */
        Message on(String topic) {
            Await.until(WAIT, () -> all.stream().anyMatch(m -> m.topic().equals(topic)),
                    () -> "a message on " + topic + "; got " + all);
            return all.stream().filter(m -> m.topic().equals(topic)).findFirst().orElseThrow();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private static Event event(EventType type) {
        Instant now = Instant.now();
        return new Event(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), type, now,
                type == EventType.MOTION ? null : now, null, type == EventType.MOTION ? null : "person", null, null,
                false);
    }
}
