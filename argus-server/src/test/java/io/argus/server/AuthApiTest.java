package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.ManualClock;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@E2e
class AuthApiTest {
    static final String PASSWORD = TestNode.PASSWORD;

    static final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T00:00:00Z"));
    @RegisterExtension
    static final TestNode node = TestNode.bare().set("auth.tokenTtl", "1h").clock(clock);
    static ArgusServer server;
    static ArgusClient anonymous;

    @BeforeAll
    static void start() {
        server = node.server();
        anonymous = node.anonymous();
    }

    @Test
    void healthAndReadinessNeedNoToken() {
        Answer h = anonymous.get("/api/v1/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("status").asText()).isEqualTo("ok");
        Answer r = anonymous.get("/readyz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void loginIssuesATokenThatExpires() {
        Answer a = anonymous.post("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(a.status()).isEqualTo(200);
        String token = a.json().get("token").asText();
        assertThat(Instant.parse(a.json().get("expiresAt").asText())).isEqualTo(clock.instant().plusSeconds(3600));

        ArgusClient user = anonymous.withToken(token);
        assertThat(user.get("/api/v1/cameras").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(59));
        assertThat(user.get("/api/v1/cameras").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        Answer expired = user.get("/api/v1/cameras");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aSignedUrlNeverOutlivesTheSessionThatMadeIt() {
        Answer login = anonymous.post("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD
                + "\"}");
        Instant sessionEnds = Instant.parse(login.json().get("expiresAt").asText());
        ArgusClient admin = anonymous.withToken(login.json().get("token").asText());
        String cam = admin.post("/api/v1/cameras", "{\"name\":\"outlive\",\"url\":\"rtsp://127.0.0.1:9/x\","
                + "\"enabled\":false}").json().get("id").asText();
        Answer urls = admin.post("/api/v1/cameras/" + cam + "/media-urls", "{\"expiresInSeconds\":86400}");
        assertThat(urls.status()).isEqualTo(200);
        assertThat(Instant.parse(urls.json().get("expiresAt").asText())).isEqualTo(sessionEnds);
        String snapshot = urls.json().get("snapshot").asText();
        assertThat(anonymous.get(snapshot).status()).as("the camera is off: past authorization").isEqualTo(503);
        clock.advance(Duration.ofHours(1));
        assertThat(anonymous.get(snapshot).status()).isEqualTo(403);
        assertThat(anonymous.get(snapshot).json().get("error").asText()).isEqualTo("url_expired");
    }

    @Test
    void apiTokensLiveAtMostTheConfiguredMaximumAndNoLongerThanTheTokenThatMadeThem() {
        ArgusClient admin = ArgusClient.local(server.httpPort()).login("admin", PASSWORD);
        Answer tooLong = admin.post("/api/v1/me/tokens", "{\"name\":\"forever\",\"expiresInDays\":91}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("message").asText()).contains("90 days").contains("auth.apiToken.maxTtl");
        Answer byDefault = admin.post("/api/v1/me/tokens", "{\"name\":\"default\"}");
        assertThat(byDefault.status()).isEqualTo(201);
        assertThat(Instant.parse(byDefault.json().get("expiresAt").asText()))
                .isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        Answer shortOne = admin.post("/api/v1/me/tokens", "{\"name\":\"short\",\"expiresInDays\":2}");
        Instant shortEnds = Instant.parse(shortOne.json().get("expiresAt").asText());
        ArgusClient viaToken = admin.withToken(shortOne.json().get("token").asText());
        Answer longer = viaToken.post("/api/v1/me/tokens", "{\"name\":\"longer\",\"expiresInDays\":30}");
        assertThat(longer.status()).isEqualTo(400);
        assertThat(longer.json().get("message").asText()).contains("outlive");
        Answer child = viaToken.post("/api/v1/me/tokens", "{\"name\":\"child\"}");
        assertThat(child.status()).isEqualTo(201);
        assertThat(Instant.parse(child.json().get("expiresAt").asText())).isEqualTo(shortEnds);
    }

    @Test
    void everyApiPathButLoginAndHealthNeedsAToken() {
        for (String path : new String[] {"/api/v1/cameras", "/api/v1/cameras/x", "/api/v1/node/stats",
                "/api/v1/no-such-thing"}) {
            Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.contentType()).startsWith("application/json");
            assertThat(a.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(a.json().get("message").asText()).isNotBlank();
        }
        assertThat(anonymous.withToken("not-a-real-token").get("/api/v1/cameras").status()).isEqualTo(401);
        assertThat(anonymous.send("POST", "/api/v1/cameras", "{}").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAndBadBodiesAreRefusedCleanly() {
        Answer wrong = anonymous.post("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_credentials");
        Answer unknown = anonymous.post("/api/v1/auth/login", "{\"username\":\"eve\",\"password\":\"nope\"}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("message").asText()).isEqualTo(wrong.json().get("message").asText());

        Answer missing = anonymous.post("/api/v1/auth/login", "{\"username\":\"admin\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("validation_failed");
        Answer malformed = anonymous.post("/api/v1/auth/login", "{\"username\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("invalid_json");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
