package io.argus.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.metadata.Database;
import io.argus.server.ArgusServer;
import io.argus.server.cli.ArgusCli;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit log end to end: what a node records for logins, changes and views, the auditor's API (filters, paging,
 * export, verify), and tampering found by the API and by {@code argus audit verify} on the stopped node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@E2e
class AuditApiTest {
    static final String PASSWORD = TestNode.PASSWORD;
    static final String USER_PASSWORD = "a-long-audit-passphrase";
    static final String DEFAULT_TENANT = "00000000-0000-0000-0000-000000000001";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1);
    static ArgusServer server;
    static ArgusClient admin;
    static String camera;

    @BeforeAll
    static void start() throws Exception {
        server = node.server();
        assertThat(node.anonymous().post("/api/v1/auth/login", "{\"username\":\"mallory\",\"password\":\"guess\"}")
                .status()).isEqualTo(401);
        admin = node.anonymous().login("admin", PASSWORD);
        camera = node.addCamera("{\"name\":\"door\",\"url\":\"" + node.url(0)
                + "\",\"transport\":\"tcp\",\"password\":\"cam-secret\"}");
        node.awaitLive(camera);
    }

    static List<JsonNode> entries(String query) {
        Answer a = admin.get("/api/v1/audit" + query);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        a.json().path("entries").forEach(out::add);
        return out;
    }

    @Test
    @Order(1)
    void loginsOkAndFailedAreRecordedWithUserIpAndTime() {
        List<JsonNode> logins = entries("?action=auth.login");
        assertThat(logins).hasSizeGreaterThanOrEqualTo(3);
        assertThat(logins.get(0).path("outcome").asText()).as("the test node's own login").isEqualTo("ok");
        JsonNode failed = logins.get(1);
        assertThat(failed.path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.path("userName").asText()).isEqualTo("mallory");
        assertThat(failed.path("userId").isNull()).isTrue();
        assertThat(failed.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(failed.path("tenantId").asText()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(failed.path("time").asText()).endsWith("Z");
        JsonNode ok = logins.get(2);
        assertThat(ok.path("outcome").asText()).isEqualTo("ok");
        assertThat(ok.path("userName").asText()).isEqualTo("admin");
        assertThat(ok.path("targetId").asText()).isEqualTo(ok.path("userId").asText());
        assertThat(failed.toString()).doesNotContain("guess");
    }

    @Test
    @Order(2)
    void cameraChangesNameTheCameraAndTheFieldsButNeverTheSecrets() {
        assertThat(admin.patch("/api/v1/cameras/" + camera, "{\"password\":\"new-secret\",\"enabled\":true}")
                .status()).isEqualTo(200);
        List<JsonNode> changes = entries("?action=camera.&camera=" + camera);
        assertThat(changes).extracting(n -> n.path("action").asText())
                .containsExactly("camera.create", "camera.update");
        assertThat(changes.get(0).path("details").path("name").asText()).isEqualTo("door");
        assertThat(changes.get(1).path("details").path("fields").asText()).isEqualTo("password,enabled");
        assertThat(changes.get(1).path("userName").asText()).isEqualTo("admin");
        assertThat(admin.get("/api/v1/audit/export").body()).doesNotContain("secret");
    }

    @Test
    @Order(3)
    void aViewingSessionIsOneRowHoweverManyRequestsItMakes() {
        for (int i = 0; i < 5; i++) {
            Answer a = admin.get("/api/v1/cameras/" + camera + "/live.m3u8");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
        List<JsonNode> views = entries("?action=live.view&camera=" + camera).stream()
                .filter(v -> v.path("details").path("via").asText().equals("hls")).toList();
        assertThat(views).singleElement().satisfies(v -> {
            assertThat(v.path("targetType").asText()).isEqualTo("camera");
            assertThat(v.path("details").path("via").asText()).isEqualTo("hls");
        });
    }

    @Test
    @Order(3)
    void anRtspReaderIsOneViewRowAsTheUserItAuthenticatedAs() throws Exception {
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
        assertThat(describe("")).as("a reader without credentials").isEqualTo("RTSP/1.0 401 Unauthorized");
        for (int i = 0; i < 3; i++) {
            assertThat(describe(basic)).isEqualTo("RTSP/1.0 200 OK");
        }
        Await.until(Duration.ofSeconds(10), () -> rtspViews().size() == 1, () -> "an RTSP view row");
        String adminId = admin.get("/api/v1/me").json().path("id").asText();
        assertThat(rtspViews()).singleElement().satisfies(v -> {
            assertThat(v.path("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(v.path("userName").asText()).isEqualTo("admin");
            assertThat(v.path("userId").asText()).isEqualTo(adminId);
            assertThat(v.path("tenantId").asText()).isEqualTo(DEFAULT_TENANT);
        });
    }

    @Test
    @Order(3)
    void aWebSocketViewerIsRecordedOnceItsUpgradePassedEveryCheck() throws Exception {
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + admin.token())
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/" + camera
                        + "/live.ws"), new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(10), () -> entries("?action=live.view&camera=" + camera).stream()
                .anyMatch(v -> v.path("details").path("via").asText().equals("ws")), () -> "a WebSocket view row");
        assertThat(entries("?action=live.view&camera=" + camera).stream()
                .filter(v -> v.path("details").path("via").asText().equals("ws")))
                .singleElement().satisfies(v -> assertThat(v.path("userName").asText()).isEqualTo("admin"));
    }

    static String describe(String authorization) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.rtspPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("DESCRIBE rtsp://127.0.0.1:" + server.rtspPort() + "/door RTSP/1.0\r\n"
                    + "CSeq: 1\r\n" + authorization + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    static List<JsonNode> rtspViews() {
        return entries("?action=live.view&camera=" + camera).stream()
                .filter(v -> v.path("details").path("via").asText().equals("rtsp")).toList();
    }

    @Test
    @Order(3)
    void accessChangesAreAuditedWithoutTheirSecrets() {
        ok(admin.post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"acme-admin\","
                + "\"adminPassword\":\"" + USER_PASSWORD + "\"}"));
        String uid = ok(admin.post("/api/v1/users", "{\"username\":\"temp\",\"password\":\"" + USER_PASSWORD
                + "\",\"roles\":[\"viewer\"]}")).path("id").asText();
        ok(admin.patch("/api/v1/users/" + uid, "{\"roles\":[\"operator\"]}"));
        String rid = ok(admin.post("/api/v1/roles", "{\"name\":\"door-only\",\"permissions\":[{\"actions\":"
                + "[\"view-live\"],\"cameraIds\":[\"" + camera + "\"]}]}")).path("id").asText();
        String gid = ok(admin.post("/api/v1/camera-groups", "{\"name\":\"site\",\"cameraIds\":[\"" + camera
                + "\"]}")).path("id").asText();
        String tid = ok(admin.post("/api/v1/me/tokens", "{\"name\":\"ci\"}")).path("id").asText();
        assertThat(admin.delete("/api/v1/me/tokens/" + tid).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/roles/" + rid).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/users/" + uid).status()).isEqualTo(204);
        List<JsonNode> rows = entries("?limit=1000");
        assertThat(rows).extracting(n -> n.path("action").asText() + " " + n.path("targetId").asText())
                .contains("user.create " + uid, "user.update " + uid, "user.delete " + uid, "role.create " + rid,
                        "role.delete " + rid, "group.create " + gid, "token.create " + tid, "token.revoke " + tid);
        assertThat(rows).extracting(n -> n.path("action").asText()).contains("tenant.create");
        assertThat(rows.stream().filter(n -> n.path("action").asText().equals("user.create")).findFirst()
                .orElseThrow().path("details").path("username").asText()).isEqualTo("temp");
        assertThat(admin.get("/api/v1/audit/export").body()).doesNotContain(USER_PASSWORD);
    }

    @Test
    @Order(4)
    void auditorsReadTheirOwnTenantOnlyAndOthersAreRefusedOnTheRecord() {
        ArgusClient acme = login("acme", "acme-admin");
        Answer mine = acme.get("/api/v1/audit?limit=1000");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        List<String> tenants = new ArrayList<>();
        mine.json().path("entries").forEach(n -> tenants.add(n.path("tenantId").asText()));
        assertThat(tenants).isNotEmpty().doesNotContain(DEFAULT_TENANT).containsOnly(tenants.get(0));
        assertThat(mine.body()).contains("acme-admin").doesNotContain("\"door\"");
        assertThat(acme.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();

        ok(admin.post("/api/v1/users", "{\"username\":\"watcher\",\"password\":\"" + USER_PASSWORD
                + "\",\"roles\":[\"viewer\"]}"));
        ok(admin.post("/api/v1/users", "{\"username\":\"inspector\",\"password\":\"" + USER_PASSWORD
                + "\",\"roles\":[\"auditor\"]}"));
        assertThat(login("default", "watcher").get("/api/v1/audit").status()).isEqualTo(403);
        Answer auditor = login("default", "inspector").get("/api/v1/audit?action=audit.read&user=watcher");
        assertThat(auditor.status()).as(auditor.body()).isEqualTo(200);
        assertThat(auditor.json().path("entries")).singleElement()
                .satisfies(n -> assertThat(n.path("outcome").asText()).isEqualTo("denied"));
        Answer other = admin.withTenant(tenants.get(0)).get("/api/v1/audit?action=auth.login");
        assertThat(other.status()).as("a system admin reads another tenant's log").isEqualTo(200);
        assertThat(other.body()).contains("acme-admin").doesNotContain("\"admin\"");
    }

    @Test
    @Order(4)
    void aLockoutIsItsOwnActionWithTheNameAndAddressTried() {
        ArgusClient anonymous = node.anonymous();
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = anonymous.post("/api/v1/auth/login", "{\"username\":\"victim\",\"password\":\"x\"}")
                    .status();
        }
        assertThat(status).isEqualTo(429);
        List<JsonNode> locked = entries("?action=auth.lockout");
        assertThat(locked).singleElement().satisfies(n -> {
            assertThat(n.path("userName").asText()).isEqualTo("victim");
            assertThat(n.path("outcome").asText()).isEqualTo("denied");
            assertThat(n.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(entries("?action=auth.login&user=victim")).isNotEmpty()
                .allSatisfy(n -> assertThat(n.path("outcome").asText()).isEqualTo("failed"));
    }

    @Test
    @Order(4)
    void aSignedUrlViewIsTheMintingUsersRow() {
        ok(admin.post("/api/v1/users", "{\"username\":\"guard\",\"password\":\"" + USER_PASSWORD
                + "\",\"roles\":[\"operator\"]}"));
        ArgusClient guard = login("default", "guard");
        String sig = ok(guard.post("/api/v1/cameras/" + camera + "/media-urls", "{}")).path("sig").asText();
        Answer a = node.anonymous().get("/api/v1/cameras/" + camera + "/live.m3u8?sig=" + sig);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(entries("?action=live.view&user=guard")).singleElement().satisfies(n -> {
            assertThat(n.path("details").path("signed").asBoolean()).isTrue();
            assertThat(n.path("userId").isNull()).isFalse();
        });
    }

    static ArgusClient login(String tenant, String user) {
        Answer a = node.anonymous().post("/api/v1/auth/login", "{\"tenant\":\"" + tenant
                + "\",\"username\":\"" + user + "\",\"password\":\"" + USER_PASSWORD + "\"}");
        return node.anonymous().withToken(ok(a).path("token").asText());
    }

    static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }

    @Test
    @Order(4)
    void pagesFollowTheCursorAndBadFiltersAre400() {
        List<JsonNode> all = entries("?limit=1000");
        Answer first = admin.get("/api/v1/audit?limit=2");
        String cursor = first.json().path("nextCursor").asText();
        Answer second = admin.get("/api/v1/audit?limit=2&cursor=" + cursor);
        assertThat(second.json().path("entries").get(0).path("seq").asLong())
                .isEqualTo(all.get(2).path("seq").asLong());
        for (String bad : List.of("limit=0", "limit=x", "cursor=-1", "camera=nope", "from=yesterday",
                "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "action=" + "a".repeat(65))) {
            Answer a = admin.get("/api/v1/audit?" + bad);
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.json().path("error").asText()).isEqualTo("validation_failed");
        }
        assertThat(node.anonymous().get("/api/v1/audit").status()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void onlyReadAuditMayReadTheLogAndARefusalIsItselfAudited() throws Exception {
        ok(admin.post("/api/v1/users", "{\"username\":\"operator\",\"password\":\"" + USER_PASSWORD
                + "\",\"roles\":[\"operator\"]}"));
        ArgusClient operator = login("default", "operator");
        for (String path : List.of("/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify")) {
            Answer a = operator.get(path);
            assertThat(a.status()).as(path).isEqualTo(403);
            assertThat(a.json().path("error").asText()).isEqualTo("forbidden");
        }
        for (String action : List.of("audit.read", "audit.export", "audit.verify")) {
            assertThat(entries("?user=operator&action=" + action)).as(action).singleElement()
                    .satisfies(d -> assertThat(d.path("outcome").asText()).isEqualTo("denied"));
        }
    }

    @Test
    @Order(5)
    void exportIsJsonLinesOfEveryRowInChainOrder() throws Exception {
        Answer a = admin.get("/api/v1/audit/export");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/x-ndjson");
        String[] lines = a.body().split("\n");
        String prev = "0".repeat(64);
        for (int i = 0; i < lines.length; i++) {
            JsonNode n = JSON.readTree(lines[i]);
            assertThat(n.path("seq").asLong()).isEqualTo(i + 1);
            assertThat(n.path("prevHash").asText()).isEqualTo(prev);
            prev = n.path("hash").asText();
        }
        assertThat(lines.length).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(6)
    void tamperingIsNamedByTheApiAndByTheCommandOnTheStoppedNode() throws Exception {
        Answer clean = admin.get("/api/v1/audit/verify");
        assertThat(clean.json().path("intact").asBoolean()).as(clean.body()).isTrue();
        try (Database db = node.openDatabase(); Connection c = db.systemDataSource().getConnection();
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET user_name = 'nobody' WHERE seq = 2");
            s.executeUpdate("DELETE FROM audit_log WHERE seq = 4");
        }
        Answer broken = admin.get("/api/v1/audit/verify");
        assertThat(broken.json().path("intact").asBoolean()).isFalse();
        assertThat(broken.json().path("problems").toString()).contains("row 2 was edited")
                .contains("row 4 was deleted");
        node.stopServer();
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(node.offlineFlags());
        int status = ArgusCli.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(status).as(out.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("edited seq 2: row 2 was edited")
                .contains("deleted seq 4: row 4 was deleted").contains("FAILED:");
    }
}
