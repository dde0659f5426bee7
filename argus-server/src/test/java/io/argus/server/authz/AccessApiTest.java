package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.metadata.Database;
import io.argus.metadata.PasswordHasher;
import io.argus.metadata.Tenants;
import io.argus.metadata.UserRepository;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The access API beyond the matrix: /me, tokens, logout, the password policy, tenants, roles, rehashing. */
@E2e
class AccessApiTest {
    static final String PW = AccessFixture.PASSWORD;

    @RegisterExtension
    static final TestNode node = TestNode.bare();
    static ArgusServer server;
    static AccessFixture fx;

    @BeforeAll
    static void start() {
        server = node.server();
        fx = new AccessFixture(node);
    }

    @Test
    void meSaysWhoAndWhat() {
        JsonNode me = AccessFixture.ok(fx.client("view").get("/api/v1/me"));
        assertThat(me.get("username").asText()).isEqualTo("view");
        assertThat(me.get("tenantName").asText()).isEqualTo("default");
        assertThat(me.get("roles").toString()).isEqualTo("[\"viewer\"]");
        assertThat(me.get("actions").toString()).isEqualTo("[\"view-live\",\"playback\"]");
        assertThat(me.get("systemAdmin").asBoolean()).isFalse();
        assertThat(AccessFixture.ok(fx.admin.get("/api/v1/me")).get("systemAdmin").asBoolean()).isTrue();
        assertThat(AccessFixture.ok(fx.client("othr").get("/api/v1/me")).get("tenantName").asText()).isEqualTo("other");
    }

    @Test
    void apiTokensAreNamedScopedShownOnceListedAndRevocable() {
        ArgusClient tadm = fx.login("default", "tadm");
        Answer made = tadm.post("/api/v1/me/tokens", "{\"name\":\"nvr-sync\",\"scopes\":[\"view-live\"],"
                + "\"expiresInDays\":30}");
        assertThat(made.status()).isEqualTo(201);
        String plain = made.json().get("token").asText();
        String id = made.json().get("id").asText();
        assertThat(made.json().get("scopes").toString()).isEqualTo("[\"view-live\"]");
        JsonNode list = AccessFixture.ok(tadm.get("/api/v1/me/tokens"));
        assertThat(list.toString()).contains("nvr-sync").doesNotContain(plain);
        ArgusClient scoped = tadm.withToken(plain);
        assertThat(scoped.get("/api/v1/cameras/" + fx.camA).status()).isEqualTo(200);
        assertThat(scoped.get("/api/v1/users").status()).as("outside its scopes").isEqualTo(403);
        assertThat(scoped.send("PATCH", "/api/v1/cameras/" + fx.camA, "{}").status()).isEqualTo(403);
        assertThat(tadm.post("/api/v1/me/tokens", "{\"name\":\"x\",\"scopes\":[\"manage-tenants\"]}").status())
                .as("more than its user has").isEqualTo(400);
        assertThat(tadm.delete("/api/v1/me/tokens/" + id).status()).isEqualTo(204);
        assertThat(scoped.get("/api/v1/cameras").status()).isEqualTo(401);
        assertThat(fx.client("view").delete("/api/v1/me/tokens/" + id).status()).isEqualTo(404);
    }

    @Test
    void aScopedTokensSignedUrlsCarryItsScopesAndNothingMore() {
        ArgusClient tadm = fx.login("default", "tadm");
        ArgusClient liveOnly = tadm.withToken(AccessFixture.ok(tadm.post("/api/v1/me/tokens",
                "{\"name\":\"live-wall\",\"scopes\":[\"view-live\"]}")).get("token").asText());
        String base = "/api/v1/cameras/" + fx.camA;
        String range = lastHour();
        assertThat(liveOnly.get(base + "/export.mp4?" + range).status()).isEqualTo(403);
        JsonNode urls = AccessFixture.ok(liveOnly.post(base + "/media-urls", "{}"));
        ArgusClient anon = fx.admin.withToken(null);
        Answer export = anon.get(urls.get("export").asText() + "&" + range);
        assertThat(export.status()).as(export.toString()).isEqualTo(403);
        assertThat(export.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(anon.get(urls.get("playback").asText() + "&" + range).status()).isEqualTo(403);
        assertThat(anon.get(base + "/media/chunks/1000.mp4?sig=" + urls.get("sig").asText()).status())
                .isEqualTo(403);
        assertThat(anon.get(urls.get("snapshot").asText()).status()).as("view-live: the camera is off")
                .isEqualTo(503);
        assertThat(urls.get("actions").toString()).isEqualTo("[\"view-live\"]");
        ArgusClient bookmarksOnly = tadm.withToken(AccessFixture.ok(tadm.post("/api/v1/me/tokens",
                "{\"name\":\"marks\",\"scopes\":[\"bookmark\"]}")).get("token").asText());
        Answer none = bookmarksOnly.post(base + "/media-urls", "{}");
        assertThat(none.status()).as("a token that may watch nothing mints nothing").isEqualTo(403);
    }

    @Test
    void aSignedUrlDiesWithTheSessionOrTokenThatMadeIt() {
        ArgusClient anon = fx.admin.withToken(null);
        String uid = fx.freshUser();
        String name = AccessFixture.ok(fx.admin.get("/api/v1/users/" + uid)).get("username").asText();

        ArgusClient loggedOut = fx.login("default", name);
        String afterLogout = snapshotUrl(loggedOut);
        assertThat(anon.get(afterLogout).status()).as("the camera is off: past authorization").isEqualTo(503);
        assertThat(loggedOut.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
        Answer dead = anon.get(afterLogout);
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.json().get("message").asText()).contains("ended");

        ArgusClient other = fx.login("default", name);
        String afterPasswordChange = snapshotUrl(other);
        ArgusClient changer = fx.login("default", name);
        assertThat(changer.send("PUT", "/api/v1/me/password", "{\"currentPassword\":\"" + PW
                + "\",\"newPassword\":\"another-long-passphrase\"}").status()).isEqualTo(204);
        assertThat(anon.get(afterPasswordChange).status()).isEqualTo(401);

        String afterReset = snapshotUrl(changer);
        assertThat(fx.admin.patch("/api/v1/users/" + uid, "{\"password\":\"" + PW + "\"}").status())
                .isEqualTo(200);
        assertThat(anon.get(afterReset).status()).isEqualTo(401);

        ArgusClient session = fx.login("default", name);
        JsonNode token = AccessFixture.ok(session.post("/api/v1/me/tokens", "{\"name\":\"wall\"}"));
        String afterRevoke = snapshotUrl(session.withToken(token.get("token").asText()));
        assertThat(anon.get(afterRevoke).status()).isEqualTo(503);
        assertThat(session.delete("/api/v1/me/tokens/" + token.get("id").asText()).status()).isEqualTo(204);
        assertThat(anon.get(afterRevoke).status()).isEqualTo(401);
    }

    private static String snapshotUrl(ArgusClient c) {
        return AccessFixture.ok(c.post("/api/v1/cameras/" + fx.camA + "/media-urls", "{}")).get("snapshot").asText();
    }

    private static String lastHour() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "from=" + now.minus(Duration.ofHours(1)) + "&to=" + now;
    }

    @Test
    void logoutRevokesTheSession() {
        ArgusClient c = fx.login("default", "oper");
        assertThat(c.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
        assertThat(c.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void passwordsFollowThePolicyAndAChangeRevokesOtherSessions() {
        Answer shortPw = fx.admin.post("/api/v1/users", "{\"username\":\"pat\",\"password\":\"short\"}");
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(shortPw.json().get("fields").get("password").asText()).contains("at least 12");
        assertThat(fx.admin.post("/api/v1/users", "{\"username\":\"pat\",\"password\":\"pat-pat-pat-pat\"}")
                .json().get("fields").get("password").asText()).contains("username");
        assertThat(fx.admin.post("/api/v1/users", "{\"username\":\"pat\",\"password\":\"passwordpassword\"}")
                .json().get("fields").get("password").asText()).contains("common");
        assertThat(fx.admin.post("/api/v1/users", "{\"username\":\"pat\",\"password\":\"" + PW
                + "\",\"roles\":[\"viewer\"]}").status()).isEqualTo(201);
        ArgusClient a = fx.login("default", "pat");
        ArgusClient b = fx.login("default", "pat");
        assertThat(a.send("PUT", "/api/v1/me/password", "{\"currentPassword\":\"nope\",\"newPassword\":\"x\"}")
                .status()).isEqualTo(401);
        assertThat(a.send("PUT", "/api/v1/me/password", "{\"currentPassword\":\"" + PW + "\",\"newPassword\":"
                + "\"another-long-passphrase\"}").status()).isEqualTo(204);
        assertThat(a.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(b.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void noEscalationAndBuiltInRolesAreFixed() {
        ArgusClient tadm = fx.client("tadm");
        assertThat(tadm.post("/api/v1/users", "{\"username\":\"evil\",\"password\":\"" + PW
                + "\",\"roles\":[\"system-admin\"]}").status()).isEqualTo(403);
        assertThat(tadm.post("/api/v1/roles", "{\"name\":\"sys2\",\"permissions\":[{\"actions\":[\"manage-tenants\"],"
                + "\"allCameras\":true}]}").status()).isEqualTo(400);
        assertThat(tadm.send("PUT", "/api/v1/roles/viewer", "{}").status()).isEqualTo(403);
        assertThat(tadm.delete("/api/v1/roles/operator").status()).isEqualTo(403);
        assertThat(tadm.post("/api/v1/roles", "{\"name\":\"viewer\",\"permissions\":[{\"actions\":[\"ptz\"],"
                + "\"allCameras\":true}]}").status()).isEqualTo(400);
        JsonNode roles = AccessFixture.ok(tadm.get("/api/v1/roles"));
        assertThat(roles.findValuesAsText("name")).contains("system-admin", "tenant-admin", "operator", "viewer",
                "auditor", "site-a-24h");
    }

    @Test
    void aDisabledTenantCannotLogInAndItsTokensStop() {
        String t = AccessFixture.ok(fx.admin.post("/api/v1/tenants", "{\"name\":\"doomed\",\"adminUsername\":\"boss\","
                + "\"adminPassword\":\"" + PW + "\"}")).get("id").asText();
        ArgusClient boss = fx.login("doomed", "boss");
        assertThat(boss.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(AccessFixture.ok(fx.admin.get("/api/v1/tenants")).findValuesAsText("name")).contains("doomed");
        assertThat(fx.admin.patch("/api/v1/tenants/" + t, "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(boss.get("/api/v1/users").status()).isEqualTo(401);
        assertThat(boss.withToken(null).post("/api/v1/auth/login", "{\"tenant\":\"doomed\",\"username\":\"boss\","
                + "\"password\":\"" + PW + "\"}").status()).isEqualTo(401);
        fx.admin.patch("/api/v1/tenants/" + t, "{\"disabled\":false}");
        assertThat(fx.login("doomed", "boss").get("/api/v1/users").status()).isEqualTo(200);
    }

    /** The first admin of a new tenant is made like every user (Accounts): password policy, granting rule. */
    @Test
    void aNewTenantsFirstAdminFollowsTheRulesOfEveryUser() {
        Answer weak = fx.admin.post("/api/v1/tenants", "{\"name\":\"weak-co\",\"adminUsername\":\"boss\","
                + "\"adminPassword\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(weak.json().get("message").asText()).startsWith("adminPassword must be at least");
        assertThat(fx.admin.post("/api/v1/tenants", "{\"name\":\"nameless-co\",\"adminPassword\":\"" + PW
                + "\"}").json().get("message").asText()).isEqualTo("adminUsername is required with adminPassword");
        String tenantsOnly = AccessFixture.ok(fx.admin.post("/api/v1/me/tokens", "{\"name\":\"provisioning\","
                + "\"scopes\":[\"manage-tenants\"]}")).get("token").asText();
        Answer scoped = fx.admin.withToken(tenantsOnly).post("/api/v1/tenants", "{\"name\":\"scoped-co\","
                + "\"adminUsername\":\"boss\",\"adminPassword\":\"" + PW + "\"}");
        assertThat(scoped.status()).as(scoped.toString()).isEqualTo(403);
        assertThat(fx.admin.withToken(tenantsOnly).post("/api/v1/tenants", "{\"name\":\"bare-co\"}").status())
                .isEqualTo(201);
        assertThat(AccessFixture.ok(fx.admin.get("/api/v1/tenants")).findValuesAsText("name")).contains("bare-co")
                .doesNotContain("weak-co", "nameless-co", "scoped-co");
        AccessFixture.ok(fx.admin.post("/api/v1/tenants", "{\"name\":\"fine-co\",\"adminUsername\":\"boss\","
                + "\"adminPassword\":\"" + PW + "\"}"));
        JsonNode me = AccessFixture.ok(fx.login("fine-co", "boss").get("/api/v1/me"));
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("tenant-admin");
    }

    @Test
    void aSystemAdminActsInAnotherTenantByNamingIt() {
        ArgusClient othr = fx.client("othr");
        String cam = AccessFixture.ok(othr.post("/api/v1/cameras", "{\"name\":\"their-cam\",\"enabled\":false,"
                + "\"url\":\"rtsp://127.0.0.1:9/x\"}")).get("id").asText();
        assertThat(fx.admin.get("/api/v1/cameras/" + cam).status()).isEqualTo(404);
        Answer there = fx.admin.send("GET", "/api/v1/cameras/" + cam, null);
        assertThat(there.status()).isEqualTo(404);
        assertThat(AccessFixture.ok(fx.admin.withTenant(fx.otherTenant).get("/api/v1/cameras/" + cam))
                .get("name").asText()).isEqualTo("their-cam");
        assertThat(fx.client("tadm").withTenant(fx.otherTenant).get("/api/v1/cameras").status()).isEqualTo(403);
    }

    @Test
    void anOldPbkdf2HashStillLogsInAndIsReplacedByArgon2id() {
        try (Database db = node.openDatabase()) {
            UserRepository users = new UserRepository(db.systemDataSource());
            var u = users.findByUsername(Tenants.DEFAULT_ID, "audi").orElseThrow();
            users.setPasswordHash(u.tenantId(), u.id(), PasswordHasher.hashPbkdf2(PW));
            assertThat(fx.admin.withToken(null).post("/api/v1/auth/login", "{\"username\":\"audi\",\"password\":\""
                    + PW + "\"}").status()).isEqualTo(200);
            assertThat(users.findByUsername(Tenants.DEFAULT_ID, "audi").orElseThrow().passwordHash())
                    .startsWith("$argon2id$");
        }
    }
}
