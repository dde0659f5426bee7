package io.argus.server.alerts;

import io.argus.metadata.WebhookRepository;
import io.argus.server.analytics.EventHub;
import io.argus.server.config.AlertsConfig;
import io.argus.storage.crypto.SecretBox;
import io.argus.storage.event.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The node's alerts: webhooks always (a tenant without any costs nothing), MQTT when {@code mqtt.url} is set; both
 * follow the event hub from start to close.
 */
public final class Alerts implements AutoCloseable {
    private final EventHub hub;
    private final WebhookService webhooks;
    private final WebhookDispatcher dispatcher;
    private final MqttPublisher mqtt;

    /**
     * @param json the event's JSON, the same the API and the live stream show
     * @throws MqttException if {@code mqtt.url} is not a URL Paho can use
     */
    public Alerts(AlertsConfig config, DataSource metadata, SecretBox secrets, EventHub hub,
                  Function<Event, byte[]> json, MeterRegistry registry, Clock clock) throws MqttException {
        this.hub = hub;
        WebhookTargets targets = new WebhookTargets(config.webhooks().deniedAddresses(),
                config.webhooks().allowedAddresses());
        webhooks = new WebhookService(new WebhookRepository(metadata, secrets), targets, clock);
        dispatcher = new WebhookDispatcher(webhooks, targets, config.webhooks(), json, registry, clock);
        mqtt = config.mqtt().enabled() ? new MqttPublisher(config.mqtt(), json, registry) : null;
        hub.addListener(dispatcher);
        if (mqtt != null) {
            hub.addListener(mqtt);
        }
    }

    public WebhookService webhooks() {
        return webhooks;
    }

    /** The MQTT publisher, when {@code mqtt.url} is set. */
    public Optional<MqttPublisher> mqtt() {
        return Optional.ofNullable(mqtt);
    }

    @Override
    public void close() {
        hub.removeListener(dispatcher);
        dispatcher.close();
        if (mqtt != null) {
            hub.removeListener(mqtt);
            mqtt.close();
        }
    }
}
