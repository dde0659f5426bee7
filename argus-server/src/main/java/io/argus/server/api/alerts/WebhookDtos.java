package io.argus.server.api.alerts;

import io.argus.metadata.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON bodies of the webhook routes. */
public final class WebhookDtos {
    private WebhookDtos() {
    }

    /**
     * {@code POST /api/v1/webhooks}: the filter lists are optional (absent or empty: every camera, type, class).
     *
     * @param secret the signing secret (16-256 characters); absent to have one made
     */
    public record CreateRequest(String url, String secret, List<String> cameras, List<String> types,
                                List<String> classes) {
        @Override
        public String toString() {
            return "CreateRequest[" + url + ", cameras=" + cameras + ", types=" + types + ", classes=" + classes + "]";
        }
    }

    /** A webhook; its secret never leaves the node again after the answer that created it. */
    public record WebhookResponse(UUID id, String url, List<UUID> cameras, List<String> types, List<String> classes,
                                  Instant createdAt) {
        static WebhookResponse of(Webhook w) {
            return new WebhookResponse(w.id(), w.url(), w.cameras(), w.types(), w.classes(), w.createdAt());
        }
    }

    /** The answer to a create: the webhook and its secret, shown this once. */
    public record CreatedResponse(UUID id, String url, List<UUID> cameras, List<String> types, List<String> classes,
                                  Instant createdAt, String secret) {
        @Override
        public String toString() {
            return "CreatedResponse[" + id + ", " + url + "]";
        }
    }

    /**
     * A delivery that failed every attempt.
     *
     * @param status the last HTTP status; null when the receiver never answered
     * @param body   the JSON body as it was sent (the event)
     */
    public record DeadLetterResponse(UUID id, UUID eventId, int attempts, Integer status, String reason,
                                     Instant failedAt, String body) {
        static DeadLetterResponse of(Webhook.DeadLetter d) {
            return new DeadLetterResponse(d.id(), d.eventId(), d.attempts(), d.status(), d.reason(), d.failedAt(),
                    d.body());
        }
    }
}
