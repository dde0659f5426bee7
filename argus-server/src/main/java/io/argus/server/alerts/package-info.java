/**
 * Alerts that leave the node: every event of the node's event hub goes to the tenant's matching webhooks (signed,
 * retried, dead-lettered: {@link io.argus.server.alerts.WebhookDispatcher}) and to an MQTT broker
 * ({@link io.argus.server.alerts.MqttPublisher}). Neither ever blocks the thread that made the event. Knows
 * nothing about HTTP routes: the API ({@code io.argus.server.api.alerts}) calls {@link
 * io.argus.server.alerts.WebhookService}.
 *
 * <p>Layer: argus-server. May import {@code io.argus.server.analytics} (the hub's listener contract),
 * {@code io.argus.server.config}, {@code io.argus.metadata}, {@code io.argus.storage.event}, Micrometer, the Paho
 * MQTT client, SLF4J and the JDK.
 */
package io.argus.server.alerts;
