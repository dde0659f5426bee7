package io.argus.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.server.testing.TestNode;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.Await;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.tier.E2e;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks on PostgreSQL: the dispatcher reads a tenant's webhooks and writes their dead letters from its own
 * threads, inside the event's tenant scope, and row-level security (V10.1) hides both tables from a connection
 * without one.
 */
@E2e
class PostgresWebhooksTest {
    @RegisterExtension
    static final TestNode node = TestNode.bare().postgres().set("webhooks.allowedAddresses", "127.0.0.0/8")
            .set("webhooks.maxAttempts", "1");

    @Test
    void deadLettersAreWrittenInTheTenantsScopeAndHiddenWithoutOne() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(() -> 500)) {
            JsonNode hook = node.api().post("/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\"}").json();
            String id = hook.get("id").asText();
            UUID tenant = UUID.fromString(node.api().get("/api/v1/me").json().get("tenantId").asText());
            Instant now = Instant.now();
            node.server().events().accept(new Event(tenant, UUID.randomUUID(), UUID.randomUUID(), EventType.CAMERA,
                    now, now, null, "down", null, null, false), null);
            Await.until(Duration.ofSeconds(30), () -> !node.api().get("/api/v1/webhooks/" + id + "/deadletters")
                    .json().isEmpty(), () -> "a dead letter");
            assertThat(node.api().get("/api/v1/webhooks/" + id + "/deadletters").json().get(0).get("status").asInt())
                    .isEqualTo(500);

            EmbeddedPostgres.Database d = node.database();
            try (Connection c = DriverManager.getConnection(d.url(), d.user(), d.password());
                 Statement st = c.createStatement()) {
                for (String table : new String[] {"webhooks", "webhook_dead_letters"}) {
                    assertThat(count(st, table)).as("%s without a scope", table).isZero();
                }
                st.execute("SELECT set_config('argus.tenant_id', '*', false)");
                for (String table : new String[] {"webhooks", "webhook_dead_letters"}) {
                    assertThat(count(st, table)).as("%s as system work", table).isPositive();
                }
                // Sealed with the tenant's data key, never in the clear.
                try (ResultSet rs = st.executeQuery("SELECT secret FROM webhooks")) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith("enc:v1:").doesNotContain(hook.get("secret").asText());
                }
            }
        }
    }

    private static long count(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
