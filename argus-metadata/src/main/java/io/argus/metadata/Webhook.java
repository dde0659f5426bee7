package io.argus.metadata;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's webhook (V10): where events go and which ones. An empty filter list matches everything.
 *
 * @param secret  the signing secret, in the clear here (sealed in the row)
 * @param cameras camera ids whose events it gets
 * @param types   event types (lower case: motion, object, rule, camera, onvif)
 * @param classes object classes or rule names (an event's label)
 */
public record Webhook(UUID tenantId, UUID id, String url, String secret, List<UUID> cameras, List<String> types,
                      List<String> classes, Instant createdAt) {
    public Webhook {
        cameras = List.copyOf(cameras);
        types = List.copyOf(types);
        classes = List.copyOf(classes);
    }

    @Override
    public String toString() {
        // Never the secret: webhooks end up in logs.
        return "Webhook[" + id + " " + url + "]";
    }

    /**
     * A delivery that failed every attempt.
     *
     * @param body   the JSON body as sent
     * @param status the last HTTP status, or null when the receiver never answered
     * @param reason why the last attempt failed, in words
     */
    public record DeadLetter(UUID tenantId, UUID id, UUID webhookId, UUID eventId, String body, int attempts,
                             Integer status, String reason, Instant failedAt) {
    }
}
