package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.server.testing.TestNode;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.Await;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks in the web UI, in headless Chromium ({@code webhooks.mjs}): the admin page lists the tenant's webhooks,
 * shows one's dead letters, adds one through its form (its secret shown once) and deletes one with two clicks.
 */
@Browser
class WebhooksBrowserTest {
    @RegisterExtension
    static final TestNode node = TestNode.bare().set("webhooks.allowedAddresses", "127.0.0.0/8")
            .set("webhooks.maxAttempts", "1");

    @Test
    void theAdminPageListsAddsDeletesAndShowsDeadLetters() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        // Port 9 (discard) on loopback: nothing listens, so the delivery fails and is dead-lettered.
        String url = "http://127.0.0.1:9/hook";
        JsonNode hook = node.api().post("/api/v1/webhooks", "{\"url\":\"" + url + "\"}").json();
        String id = hook.get("id").asText();
        UUID tenant = UUID.fromString(node.api().get("/api/v1/me").json().get("tenantId").asText());
        Instant now = Instant.now();
        node.server().events().accept(new Event(tenant, UUID.randomUUID(), UUID.randomUUID(), EventType.CAMERA, now,
                now, null, "down", null, null, false), null);
        Await.until(Duration.ofSeconds(30), () -> !node.api().get("/api/v1/webhooks/" + id + "/deadletters").json()
                .isEmpty(), () -> "a dead letter");

        JsonNode r = browser.run("webhooks.mjs", node.base(), TestNode.PASSWORD, Map.of("webhook", id, "url",
                "http://127.0.0.1:8/other"), Duration.ofSeconds(120));
        assertThat(r.get("listed").asInt()).isEqualTo(1);
        assertThat(r.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(r.get("deadLetterText").asText()).contains("after 1 attempt(s)");
        assertThat(r.get("secret").asText()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(r.get("afterOneClick").asInt()).isEqualTo(2);
        assertThat(r.get("afterDelete").asInt()).isEqualTo(1);
        assertThat(r.get("csp")).isEmpty();
        JsonNode left = node.api().get("/api/v1/webhooks").json();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("url").asText()).isEqualTo("http://127.0.0.1:8/other");
        assertThat(left.get(0).get("types")).extracting(JsonNode::asText).containsExactly("object", "rule");
    }
}
