package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.tier.E2e;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two tenants on one node with its metadata on PostgreSQL: tenant acme's admin reads none of the default tenant's
 * cameras, recordings, chunks, users or audit entries through the API, and the database itself shows a connection
 * without a tenant scope no tenant row at all (row-level security, not only the queries' WHERE clauses).
 */
@E2e
class PostgresTenantIsolationTest {
    static final String PASSWORD = "correct-horse-battery";
    static final String[] TENANT_TABLES = {"cameras", "users", "user_roles", "api_tokens", "chunks", "audit_log",
        "audit_chain_heads"};

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).postgres().set("recording.chunkDuration", "1s")
            .set("recording.minFree", "0");

    static Instant from;
    static String chunk;
    static ArgusClient acme;
    static String acmeCamera;

    @BeforeAll
    static void twoTenants() {
        from = Instant.now().minusSeconds(60);
        ok(node.api().post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"acme-admin\","
                + "\"adminPassword\":\"" + PASSWORD + "\"}"));
        acme = login("acme", "acme-admin");
        acmeCamera = ok(acme.post("/api/v1/cameras", "{\"name\":\"acme-door\",\"url\":\"rtsp://127.0.0.1:9/door\","
                + "\"enabled\":false}")).path("id").asText();
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> chunkPath() != null,
                "a recorded chunk of the default tenant's camera");
        chunk = chunkPath();
    }

    @Test
    void anotherTenantsAdminReadsNothingOfTheDefaultTenant() {
        String cam = node.camera(0);
        assertThat(acme.get("/api/v1/cameras").body()).contains(acmeCamera).doesNotContain(cam);
        for (String path : List.of("/api/v1/cameras/" + cam, "/api/v1/cameras/" + cam + "/recordings?" + range(),
                "/api/v1/cameras/" + cam + "/playback.m3u8?" + range(), "/api/v1/cameras/" + cam + "/" + chunk,
                "/api/v1/cameras/" + cam + "/timeline?day=" + from.toString().substring(0, 10))) {
            Answer a = acme.get(path);
            assertThat(a.status()).as(path + ": " + a.body()).isIn(403, 404);
        }
        assertThat(node.api().get("/api/v1/cameras/" + cam + "/" + chunk).status()).as("the owner reads it")
                .isEqualTo(200);

        String adminId = ok(node.api().get("/api/v1/me")).path("id").asText();
        assertThat(acme.get("/api/v1/users").body()).contains("acme-admin").doesNotContain(adminId);
        assertThat(acme.get("/api/v1/users/" + adminId).status()).isEqualTo(404);

        String acmeTenant = ok(acme.get("/api/v1/me")).path("tenantId").asText();
        List<String> tenants = new ArrayList<>();
        ok(acme.get("/api/v1/audit?limit=1000")).path("entries").forEach(e -> tenants.add(e.path("tenantId").asText()));
        assertThat(tenants).isNotEmpty().containsOnly(acmeTenant);
        assertThat(ok(acme.get("/api/v1/audit/verify")).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aConnectionWithoutATenantScopeSeesNoTenantRows() throws Exception {
        EmbeddedPostgres.Database d = node.database();
        try (Connection c = DriverManager.getConnection(d.url(), d.user(), d.password());
             Statement st = c.createStatement()) {
            for (String table : TENANT_TABLES) {
                assertThat(count(st, table)).as("%s without a scope", table).isZero();
            }
            st.execute("SELECT set_config('argus.tenant_id', '*', false)");
            for (String table : TENANT_TABLES) {
                assertThat(count(st, table)).as("%s as system work", table).isPositive();
            }
        }
    }

    static long count(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String range() {
        return "from=" + from + "&to=" + Instant.now();
    }

    /** The first chunk's path in the default tenant's playlist ({@code media/chunks/<ms>.mp4}), or null. */
    static String chunkPath() {
        return node.api().get("/api/v1/cameras/" + node.camera(0) + "/playback.m3u8?" + range()).body().lines()
                .filter(l -> l.startsWith("media/chunks/")).map(l -> l.replaceAll("\\?.*", "")).findFirst()
                .orElse(null);
    }

    static ArgusClient login(String tenant, String user) {
        Answer a = node.anonymous().post("/api/v1/auth/login", "{\"tenant\":\"" + tenant + "\",\"username\":\"" + user
                + "\",\"password\":\"" + PASSWORD + "\"}");
        return node.anonymous().withToken(ok(a).path("token").asText());
    }

    static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }
}
