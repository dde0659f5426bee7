package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.path.Path;
import io.argus.media.path.PathState;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@E2e
class CameraApiTest {
    @RegisterExtension
    static final TestNode node = TestNode.bare().set("http.maxBodySize", "4KiB");
    static ArgusServer server;
    static ArgusClient api;

    @BeforeAll
    static void start() {
        server = node.server();
        api = node.api();
    }

    static JsonNode create(String body) {
        Answer a = api.post("/api/v1/cameras", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    @Test
    void crudRoundTripNeverEchoesThePassword() {
        JsonNode c = create("{\"name\":\"front-door\",\"url\":\"rtsp://alice:p%40ss+word@10.1.2.3:554/live?ch=1\","
                + "\"transport\":\"TCP\"}");
        String id = c.get("id").asText();
        assertThat(c.get("name").asText()).isEqualTo("front-door");
        assertThat(c.get("url").asText()).isEqualTo("rtsp://10.1.2.3:554/live?ch=1");
        assertThat(c.get("username").asText()).isEqualTo("alice");
        assertThat(c.get("hasPassword").asBoolean()).isTrue();
        assertThat(c.has("password")).isFalse();
        assertThat(c.get("enabled").asBoolean()).isTrue();
        assertThat(c.get("transport").asText()).isEqualTo("tcp");
        assertThat(c.get("rtspUrl").asText()).matches("rtsp://127\\.0\\.0\\.1:\\d+/front-door");
        assertThat(c.get("status").get("state").asText()).isNotBlank();
        assertThat(c.get("status").has("frames")).isTrue();

        Path path = server.paths().get(id).orElseThrow();
        assertThat(path.name()).isEqualTo("front-door");

        JsonNode got = api.get("/api/v1/cameras/" + id).json();
        assertThat(got.get("url").asText()).isEqualTo("rtsp://10.1.2.3:554/live?ch=1");
        Answer list = api.get("/api/v1/cameras");
        assertThat(list.json().findValuesAsText("id")).contains(id);
        for (String body : new String[] {c.toString(), got.toString(), list.body()}) {
            assertThat(body).doesNotContain("p@ss+word").doesNotContain("p%40ss");
        }

        Answer patched = api.patch("/api/v1/cameras/" + id,
                "{\"name\":\"back-door\",\"enabled\":false,\"password\":\"\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("back-door");
        assertThat(patched.json().get("hasPassword").asBoolean()).isFalse();
        assertThat(patched.json().get("status").get("state").asText()).isEqualTo("disabled");
        assertThat(server.paths().get(id)).containsSame(path);
        assertThat(path.name()).isEqualTo("back-door");
        assertThat(path.state()).isEqualTo(PathState.DISABLED);

        assertThat(api.delete("/api/v1/cameras/" + id).status()).isEqualTo(204);
        assertThat(server.paths().get(id)).isEmpty();
        assertThat(api.get("/api/v1/cameras/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/cameras/" + id).status()).isEqualTo(404);
    }

    @Test
    void validationErrorsNameEveryBadField() {
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"bad name!\",\"url\":\"http://x/y\",\"transport\":\"quic\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(a.json().get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("name", "url",
                "transport");
        assertThat(a.json().get("message").asText()).contains("name").contains("url").contains("transport");

        Answer missing = api.post("/api/v1/cameras", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("name", "url");

        for (String name : List.of("00000000-0000-0000-0000-000000000001/lobby",
                "3f0c8a4e-9d1b-4c2a-8e7f-1a2b3c4d5e6f")) {
            Answer uuid = api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"rtsp://h/\"}");
            assertThat(uuid.status()).as(name + ": reads as <tenant id>/<camera> or a camera id").isEqualTo(400);
            assertThat(uuid.json().get("fields").has("name")).isTrue();
        }

        Answer unknownField = api.post("/api/v1/cameras", "{\"name\":\"a\",\"url\":\"rtsp://h/\",\"colour\":1}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("fields").has("colour")).isTrue();

        Answer wrongType = api.post("/api/v1/cameras", "{\"name\":\"a\",\"url\":\"rtsp://h/\",\"enabled\":\"yes\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("fields").has("enabled")).isTrue();
        assertThat(api.get("/api/v1/cameras").json().findValuesAsText("name")).doesNotContain("a");
    }

    @Test
    void malformedEmptyAndOversizedBodiesAre4xxNot500() {
        for (String body : new String[] {"{\"name\":", "[1,2]", "null", "\"text\"", "{} {}", ""}) {
            Answer a = api.post("/api/v1/cameras", body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.json().get("error").asText()).as(body).isIn("invalid_json", "validation_failed");
        }
        Answer big = api.post("/api/v1/cameras", "{\"name\":\"" + "x".repeat(8000) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void duplicateNamesConflictAndUnknownIdsAreNotFound() {
        JsonNode a = create("{\"name\":\"dup-a\",\"url\":\"rtsp://10.0.0.1/a\"}");
        create("{\"name\":\"dup-b\",\"url\":\"rtsp://10.0.0.1/b\"}");
        Answer again = api.post("/api/v1/cameras", "{\"name\":\"dup-a\",\"url\":\"rtsp://10.0.0.2/a\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("conflict");
        Answer rename = api.patch("/api/v1/cameras/" + a.get("id").asText(), "{\"name\":\"dup-b\"}");
        assertThat(rename.status()).isEqualTo(409);
        assertThat(server.paths().get(a.get("id").asText()).orElseThrow().name()).isEqualTo("dup-a");

        String tenant = api.post("/api/v1/tenants", "{\"name\":\"dup-tenant\"}").json().get("id").asText();
        ArgusClient other = api.withTenant(tenant);
        Answer theirs = other.post("/api/v1/cameras", "{\"name\":\"dup-a\",\"url\":\"rtsp://10.0.0.3/a\"}");
        assertThat(theirs.status()).as("names are unique per tenant only").isEqualTo(201);
        assertThat(other.patch("/api/v1/cameras/" + theirs.json().get("id").asText(), "{\"name\":\"dup-b\"}")
                .status()).isEqualTo(200);
        assertThat(other.post("/api/v1/cameras", "{\"name\":\"dup-b\",\"url\":\"rtsp://10.0.0.3/b\"}").status())
                .as("but unique in it").isEqualTo(409);

        assertThat(api.get("/api/v1/cameras/00000000-0000-0000-0000-00000000abcd").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/cameras/not-a-uuid").json().get("error").asText()).isEqualTo("not_found");
        assertThat(api.patch("/api/v1/cameras/00000000-0000-0000-0000-00000000abcd", "{\"enabled\":true}")
                .status()).isEqualTo(404);
    }

    @Test
    void publishersCreatePushCamerasNamedByTheirPath() {
        Path p = server.paths().publishTarget("pushed-cam", "RTSP").orElseThrow();
        assertThat(p.state()).isEqualTo(PathState.WAITING);
        JsonNode cam = api.get("/api/v1/cameras/" + p.id()).json();
        assertThat(cam.get("name").asText()).isEqualTo("pushed-cam");
        assertThat(cam.get("url").isNull()).isTrue();
        assertThat(cam.get("status").get("state").asText()).isEqualTo("waiting");
        assertThat(server.paths().publishTarget("pushed-cam", "RTSP")).containsSame(p);
        assertThat(server.paths().publishTarget("live/lobby", "RTSP")).isPresent();
        assertThat(api.get("/api/v1/cameras").json().findValuesAsText("name")).contains("live/lobby");
        for (String bad : List.of("bad//name", "/lead", "trail/", "a/../b", "a/.hidden", "x".repeat(65), "sp ace")) {
            assertThat(server.paths().publishTarget(bad, "RTSP")).as(bad).isEmpty();
        }
    }
}
