package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where the node connects for a camera, and what it sends and tells there: stored credentials go only to the host
 * they were stored for; the connection test and a camera's last error say what happened at the RTSP level and
 * never what the peer sent; the node's own ports and denied address ranges (loopback by default, by name too)
 * are never connected to; credentials with control characters and impossible ports are refused.
 */
@E2e
class CameraSourceSecurityTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String NOT_RTSP = "not an RTSP server, or one that broke the protocol";

    /** Cameras on loopback allowed, as in every test with a simulator. */
    @RegisterExtension
    static final TestNode node = TestNode.bare();
    /** The defaults: loopback denied. */
    @RegisterExtension
    static final TestNode lockedNode = TestNode.bare().set("camera.allowedAddresses", "");
    static ArgusServer server;
    static ArgusClient api;
    static ArgusClient lockedApi;

    @BeforeAll
    static void start() {
        server = node.server();
        api = node.api();
        lockedApi = lockedNode.api();
    }

    static String create(ArgusClient client, String body) {
        Answer a = client.post("/api/v1/cameras", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    static JsonNode test(ArgusClient client, String body) {
        Answer a = client.post("/api/v1/cameras/test", body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().path("ok").asBoolean()).as(a.body()).isFalse();
        return a.json();
    }

    /** The camera's last error once it has one. */
    static String lastError(ArgusClient client, String id) {
        String[] error = new String[1];
        Await.until(WAIT, () -> {
            error[0] = client.get("/api/v1/cameras/" + id).json().path("status").path("lastError").asText(null);
            return error[0] != null;
        }, () -> "a last error for camera " + id);
        return error[0];
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storedCredentialsGoOnlyToTheHostTheyWereStoredFor() throws Exception {
        try (LoopbackPeer camera = LoopbackPeer.credentialTrap(); LoopbackPeer elsewhere = LoopbackPeer.credentialTrap()) {
            String id = create(api, "{\"name\":\"cred-cam\",\"url\":\"rtsp://127.0.0.1:" + camera.port() + "/live\","
                    + "\"username\":\"admin\",\"password\":\"cam-secret\",\"enabled\":false}");
            test(api, "{\"camera\":\"" + id + "\"}");
            assertThat(camera.authorizations()).as("the stored host gets them").contains(basic("admin", "cam-secret"));

            String other = "rtsp://127.0.0.1:" + elsewhere.port() + "/x";
            JsonNode t = test(api, "{\"camera\":\"" + id + "\",\"url\":\"" + other + "\"}");
            assertThat(elsewhere.requests).as("the test reached the other host").isNotEmpty();
            assertThat(elsewhere.authorizations()).as("a connection test of another host").isEmpty();
            assertThat(t.path("message").asText()).isEqualTo("401 Unauthorized: the camera needs credentials");

            Answer moved = api.patch("/api/v1/cameras/" + id, "{\"url\":\"" + other + "\",\"enabled\":true}");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().path("username").asText(null)).isNull();
            assertThat(moved.json().path("hasPassword").asBoolean()).isFalse();
            int before = elsewhere.requests.size();
            Await.until(WAIT, () -> elsewhere.requests.size() >= before + 2, () -> "ingest to reach the new host");
            assertThat(elsewhere.authorizations()).as("a camera moved to another host").isEmpty();

            Answer again = api.patch("/api/v1/cameras/" + id, "{\"url\":\"" + other + "/2\",\"username\":\"admin\","
                    + "\"password\":\"given-again\"}");
            assertThat(again.json().path("hasPassword").asBoolean()).as(again.body()).isTrue();
            Await.until(WAIT, () -> elsewhere.authorizations().contains(basic("admin", "given-again")),
                    () -> "credentials given with the new URL to be used");
            Answer samePlace = api.patch("/api/v1/cameras/" + id, "{\"url\":\"" + other + "/3\"}");
            assertThat(samePlace.json().path("hasPassword").asBoolean()).as("same host and port keep them").isTrue();
            api.delete("/api/v1/cameras/" + id);
        }
    }

    @Test
    void theConnectionTestAndLastErrorNeverEchoWhatThePeerSent() throws Exception {
        try (LoopbackPeer http = new LoopbackPeer(h -> "HTTP/1.1 505 HTTP Version Not Supported\r\n"
                + "Server: internal-admin-7f3\r\nContent-Length: 0\r\n\r\n")) {
            String url = "rtsp://127.0.0.1:" + http.port() + "/";
            JsonNode t = test(api, "{\"url\":\"" + url + "\"}");
            assertThat(t.path("message").asText()).isEqualTo(NOT_RTSP);
            assertThat(t.toString()).doesNotContain("505").doesNotContain("HTTP/").doesNotContain("internal-admin");

            String id = create(api, "{\"name\":\"http-cam\",\"url\":\"" + url + "\"}");
            assertThat(lastError(api, id)).isEqualTo(NOT_RTSP);
            api.delete("/api/v1/cameras/" + id);
        }
    }

    @Test
    void theNodesOwnPortsAreNeverConnectedTo() {
        for (String url : List.of("rtsp://127.0.0.1:" + server.httpPort() + "/",
                "rtsp://localhost:" + server.rtspPort() + "/cam")) {
            assertThat(test(api, "{\"url\":\"" + url + "\"}").path("message").asText()).as(url)
                    .startsWith("refused:").endsWith("is this node's own port");
        }
        String id = create(api, "{\"name\":\"own-port\",\"url\":\"rtsp://127.0.0.1:" + server.httpPort() + "/\"}");
        assertThat(lastError(api, id)).endsWith("is this node's own port");
        api.delete("/api/v1/cameras/" + id);
    }

    @Test
    void loopbackIsDeniedByDefaultByAddressAndByName() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.credentialTrap()) {
            for (String host : List.of("127.0.0.1", "localhost", "127.1.2.3", "0.0.0.0", "[::ffff:127.0.0.1]")) {
                String url = "rtsp://" + host + ":" + peer.port() + "/x";
                assertThat(test(lockedApi, "{\"url\":\"" + url + "\"}").path("message").asText()).as(url)
                        .startsWith("refused: ").endsWith(" is in a denied address range (camera.deniedAddresses)");
            }
            String id = create(lockedApi, "{\"name\":\"loop\",\"url\":\"rtsp://localhost:" + peer.port() + "/x\","
                    + "\"username\":\"u\",\"password\":\"p\"}");
            assertThat(lastError(lockedApi, id)).contains("camera.deniedAddresses");
            assertThat(peer.connections.get()).as("connections to a denied address").isZero();
        }
    }

    @Test
    void controlCharactersInCredentialsAreRefusedNamingTheField() {
        String id = create(api, "{\"name\":\"cc-cam\",\"url\":\"rtsp://10.0.0.9/x\",\"enabled\":false}");
        Map<String, String> bodies = Map.of(
                "username", "\"username\":\"admin\\r\\nX-Injected: 1\"",
                "password", "\"password\":\"pw\\u0000x\"",
                "url", "\"url\":\"rtsp://ad%0D%0Amin:pw@10.0.0.9/x\"");
        for (Map.Entry<String, String> b : bodies.entrySet()) {
            for (Answer a : List.of(
                    api.post("/api/v1/cameras", "{\"name\":\"cc-new\",\"url\":\"rtsp://10.0.0.9/y\"," + b.getValue() + "}"),
                    api.patch("/api/v1/cameras/" + id, "{" + b.getValue() + "}"),
                    api.post("/api/v1/cameras/test", "{\"url\":\"rtsp://10.0.0.9/y\"," + b.getValue() + "}"))) {
                assertThat(a.status()).as(a.body()).isEqualTo(400);
                assertThat(a.json().path("fields").path(b.getKey()).asText()).as(a.body())
                        .contains("control character");
            }
        }
        api.delete("/api/v1/cameras/" + id);
    }

    @Test
    void portsOutsideOneTo65535AreRefused() {
        String id = create(api, "{\"name\":\"port-cam\",\"url\":\"rtsp://10.0.0.9/x\",\"enabled\":false}");
        for (String port : List.of("99999", "65536", "0")) {
            String url = "\"url\":\"rtsp://10.0.0.9:" + port + "/x\"";
            for (Answer a : List.of(api.post("/api/v1/cameras", "{\"name\":\"port-new\"," + url + "}"),
                    api.patch("/api/v1/cameras/" + id, "{" + url + "}"),
                    api.post("/api/v1/cameras/test", "{" + url + "}"))) {
                assertThat(a.status()).as(port + " " + a.body()).isEqualTo(400);
                assertThat(a.json().path("fields").path("url").asText()).isEqualTo("port " + port + " is not 1-65535");
            }
        }
        api.delete("/api/v1/cameras/" + id);
    }
}
