package io.argus.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.metadata.Webhook;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The signature against a value computed with openssl, the retry waits, and the filter. */
class WebhookRulesTest {
    @Test
    void theSignatureIsTheHmacOfTimestampDotBodyAsOpensslComputesIt() {
        // printf '%s.%s' 1796630400 '{"id":"e1"}' | openssl dgst -sha256 -hmac "whsec-0123456789abcdef" -r
        assertThat(WebhookSignature.sign("whsec-0123456789abcdef", 1796630400L,
                "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=24b91432a3ba4636b75f162e9358e5f4d29d7143af1e8077f4f071c87eeb8e0e");
    }

    @Test
    void retryWaitsDoubleUpToTenMinutes() {
        Duration two = Duration.ofSeconds(2);
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(a -> WebhookDispatcher.backoff(two, a)).toList())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(16), Duration.ofSeconds(32));
        assertThat(WebhookDispatcher.backoff(two, 12)).isEqualTo(Duration.ofMinutes(10));
        assertThat(WebhookDispatcher.backoff(two, 20)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void filterListsCombineWithAndAndEmptyMatchesEverything() {
        UUID tenant = UUID.randomUUID();
        UUID door = UUID.randomUUID();
        Event person = event(tenant, door, EventType.OBJECT, "person");
        Event motion = event(tenant, door, EventType.MOTION, null);
        Webhook all = hook(tenant, List.of(), List.of(), List.of());
        Webhook people = hook(tenant, List.of(door), List.of("object"), List.of("person"));
        Webhook cars = hook(tenant, List.of(), List.of(), List.of("car"));
        Webhook elsewhere = hook(tenant, List.of(UUID.randomUUID()), List.of(), List.of());
        assertThat(WebhookService.matches(all, person)).isTrue();
        assertThat(WebhookService.matches(all, motion)).isTrue();
        assertThat(WebhookService.matches(people, person)).isTrue();
        assertThat(WebhookService.matches(people, motion)).isFalse();
        assertThat(WebhookService.matches(cars, person)).isFalse();
        assertThat(WebhookService.matches(cars, motion)).as("no class: a class filter never matches").isFalse();
        assertThat(WebhookService.matches(elsewhere, person)).isFalse();
    }

    private static Webhook hook(UUID tenant, List<UUID> cameras, List<String> types, List<String> classes) {
        return new Webhook(tenant, UUID.randomUUID(), "https://example.com/hook", "secret-secret-secret", cameras,
                types, classes, Instant.now());
    }

    private static Event event(UUID tenant, UUID camera, EventType type, String label) {
        Instant now = Instant.now();
        return new Event(tenant, UUID.randomUUID(), camera, type, now, now, null, label, null, null, false);
    }
}
