package io.argus.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.server.analytics.EventListener;
import io.argus.server.config.AlertsConfig;
import io.argus.storage.event.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every event to an MQTT broker (Eclipse Paho, MQTT 5) on {@code <prefix>/<tenant>/<camera>/<type>},
 * QoS 1, not retained, the body the event's JSON. The event path only offers to a bounded queue: while the broker
 * is down or slow the queue fills and later events are dropped and counted ({@code argus_mqtt_dropped_total}), one
 * thread drains it, reconnecting with backoff (the event it held when the connection broke is published first). {@code <prefix>/status} says {@code online} (retained; the broker
 * says {@code offline} as the node's last will). With discovery, a Home Assistant binary sensor is announced
 * (retained) for each camera and type the first time one is published.
 */
public final class MqttPublisher implements EventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QOS = 1;
    /** Reconnect waits: from one second, doubling, up to half a minute (a broker restart takes seconds). */
    static final Duration RECONNECT_MIN = Duration.ofSeconds(1);
    static final Duration RECONNECT_MAX = Duration.ofSeconds(30);
    /** How long a binary sensor of a non-motion event stays on in Home Assistant: such events carry no "off". */
    static final int SENSOR_OFF_DELAY_SECONDS = 30;
    /** One attempt's connect and publish limit: the drain thread gives up and counts a drop after this. */
    private static final int TIMEOUT_SECONDS = 10;

    private final AlertsConfig.Mqtt config;
    private final Function<Event, byte[]> json;
    private final BlockingQueue<Event> queue;
    private final MqttClient client;
    private final Counter published;
    private final Counter dropped;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread drain;
    /**
     * The event whose publication failed when the connection was found lost: published first after reconnecting
     * (once; a second failure drops it), so a broker restart loses nothing that was already taken from the queue.
     */
    private Event retry;

    MqttPublisher(AlertsConfig.Mqtt config, Function<Event, byte[]> json, MeterRegistry registry)
            throws MqttException {
        this.config = config;
        this.json = json;
        queue = new ArrayBlockingQueue<>(config.queue());
        client = new MqttClient(config.url(), "argus-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current()
                .nextLong()), new MemoryPersistence());
        client.setTimeToWait(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        published = Counter.builder("argus.mqtt.published").description("Events published to the MQTT broker")
                .register(registry);
        dropped = Counter.builder("argus.mqtt.dropped")
                .description("Events not published to the MQTT broker: queue full (broker down or slow) or refused")
                .register(registry);
        registry.gauge("argus.mqtt.connected", client, c -> c.isConnected() ? 1 : 0);
        registry.gauge("argus.mqtt.queue", queue, BlockingQueue::size);
        drain = Thread.ofPlatform().name("argus-mqtt").daemon().start(this::run);
    }

    @Override
    public void onEvent(Event event) {
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    /** The topic of an event: {@code <prefix>/<tenant>/<camera>/<type>}. */
    public static String topic(String prefix, Event e) {
        return prefix + "/" + e.tenant() + "/" + e.camera() + "/" + e.type().wireName();
    }

    private String statusTopic() {
        return config.topicPrefix() + "/status";
    }

    private void run() {
        Duration wait = RECONNECT_MIN;
        while (stopped.getCount() > 0) {
            try {
                if (!client.isConnected()) {
                    connect();
                    wait = RECONNECT_MIN;
                }
                Event e = retry != null ? retry : queue.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    publish(e, e == retry);
                }
            } catch (MqttException e) {
                LOG.warn("MQTT broker {}: {}; retrying in {} s", config.url(), e.toString(), wait.toSeconds());
                try {
                    if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(RECONNECT_MAX) > 0 ? RECONNECT_MAX : wait.multipliedBy(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void connect() throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(TIMEOUT_SECONDS);
        o.setKeepAliveInterval(30);
        if (!config.user().isEmpty()) {
            o.setUserName(config.user());
            o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), QOS, true, null);
        o.setWill(statusTopic(), will);
        client.connect(o);
        client.publish(statusTopic(), "online".getBytes(StandardCharsets.UTF_8), QOS, true);
        // A broker that lost its retained messages learns the sensors again.
        announced.clear();
        LOG.info("MQTT: connected to {}", config.url());
    }

    private void publish(Event e, boolean retried) throws MqttException {
        retry = null;
        try {
            if (config.discovery()) {
                announce(e);
            }
            client.publish(topic(config.topicPrefix(), e), json.apply(e), QOS, false);
            published.increment();
        } catch (MqttException x) {
            if (retried) {
                dropped.increment();
            } else {
                retry = e;
            }
            throw x;
        }
    }

    private void announce(Event e) throws MqttException {
        String id = "argus_" + compact(e.camera()) + "_" + e.type().wireName();
        if (announced.contains(id)) {
            return;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", e.type().wireName());
        config.put("unique_id", id);
        config.put("state_topic", topic(this.config.topicPrefix(), e));
        config.put("json_attributes_topic", topic(this.config.topicPrefix(), e));
        // Motion has an end ("to"); the other events are moments, switched off after a while.
        config.put("value_template", "{{ 'OFF' if value_json.type == 'motion' and value_json.to else 'ON' }}");
        if (!e.type().wireName().equals("motion")) {
            config.put("off_delay", SENSOR_OFF_DELAY_SECONDS);
        }
        config.put("device_class", switch (e.type()) {
            case MOTION -> "motion";
            case OBJECT, RULE -> "occupancy";
            case CAMERA -> "problem";
            case ONVIF -> "safety";
        });
        config.put("availability_topic", statusTopic());
        config.put("device", Map.of("identifiers", List.of("argus_" + compact(e.camera())),
                "name", "Argus camera " + e.camera(), "manufacturer", "Argus"));
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(config);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("a map of strings always serialises", x);
        }
        client.publish(this.config.discoveryPrefix() + "/binary_sensor/" + id + "/config", payload, QOS, true);
        announced.add(id);
    }

    private static String compact(UUID id) {
        return id.toString().replace("-", "");
    }

    public long published() {
        return (long) published.count();
    }

    public long dropped() {
        return (long) dropped.count();
    }

    @Override
    public void close() {
        stopped.countDown();
        drain.interrupt();
        try {
            drain.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            if (client.isConnected()) {
                // A clean goodbye sends no last will: say offline ourselves.
                client.publish(statusTopic(), "offline".getBytes(StandardCharsets.UTF_8), QOS, true);
                client.disconnect();
            }
            client.close(true);
        } catch (MqttException | InterruptedException e) {
            LOG.debug("MQTT: closing: {}", e.toString());
        }
    }
}
