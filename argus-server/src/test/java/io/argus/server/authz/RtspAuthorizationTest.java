package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RTSP server's rules, request by request on a raw socket: readers need view-live on the camera, publishers
 * manage-cameras, with Basic credentials (a password or a token); a 401 offers Basic only. The cameras are not
 * live, so an authorized DESCRIBE answers 503, a refused one 401, and one of a camera the user cannot see (another
 * tenant's, or outside its grants) 404. Camera names are per tenant: a path is read in the user's own tenant, and
 * a system admin reads another tenant's at {@code <tenant id>/<camera>}.
 */
@E2e
class RtspAuthorizationTest {
    @RegisterExtension
    static final TestNode node = TestNode.bare();
    @RegisterExtension
    static final TestNode lab = TestNode.bare().set("rtsp.anonymousRead", "true");
    static ArgusServer server;
    static AccessFixture fx;

    @BeforeAll
    static void start() {
        server = node.server();
        fx = new AccessFixture(node);
    }

    @Test
    void readersNeedViewLiveOnThatCamera() throws Exception {
        String pw = AccessFixture.PASSWORD;
        assertThat(describe(fx.camA, null)).startsWith("RTSP/1.0 401").contains("WWW-Authenticate: Basic")
                .doesNotContain("Digest");
        assertThat(describe(fx.camA, "admin:" + AccessFixture.ADMIN_PASSWORD)).startsWith("RTSP/1.0 503");
        assertThat(describe(fx.camA, "view:" + pw)).startsWith("RTSP/1.0 503");
        assertThat(describe("cam-a", "oper:" + pw)).as("by name").startsWith("RTSP/1.0 503");
        assertThat(describe(fx.camA, "cust:" + pw)).startsWith("RTSP/1.0 503");
        assertThat(describe(fx.camB, "cust:" + pw)).as("outside its group: not there for it")
                .startsWith("RTSP/1.0 404");
        assertThat(describe(fx.camA, "audi:" + pw)).as("no camera action: sees no camera").startsWith("RTSP/1.0 404");
        assertThat(describe(fx.camA, "other/othr:" + pw)).as("another tenant's: not there for it")
                .startsWith("RTSP/1.0 404");
        assertThat(describe(fx.camA, "view:wrong-password")).startsWith("RTSP/1.0 401");
        String token = fx.client("view").token();
        assertThat(describe(fx.camA, "token:" + token)).as("a token as the password").startsWith("RTSP/1.0 503");
        assertThat(describe(fx.camA, "token:" + fx.client("audi").token())).startsWith("RTSP/1.0 404");
        String playbackOnly = AccessFixture.ok(fx.client("view").post("/api/v1/me/tokens",
                "{\"name\":\"pb\",\"scopes\":[\"playback\"]}")).get("token").asText();
        assertThat(describe(fx.camA, "token:" + playbackOnly)).as("sees it, but not view-live")
                .startsWith("RTSP/1.0 401");
    }

    @Test
    void publishersNeedManageCameras() throws Exception {
        String pw = AccessFixture.PASSWORD;
        assertThat(announce("new/path", null)).startsWith("RTSP/1.0 401");
        assertThat(announce("new/path", "oper:" + pw)).startsWith("RTSP/1.0 401");
        // Authorized: the empty SDP is what is wrong.
        assertThat(announce("new/path", "tadm:" + pw)).startsWith("RTSP/1.0 400");
        assertThat(announce(fx.camA, "view:" + pw)).startsWith("RTSP/1.0 401");
    }

    @Test
    void namesArePerTenantAndResolvedOnlyForAnAuthenticatedUser() throws Exception {
        String pw = AccessFixture.PASSWORD;
        ArgusClient othr = fx.client("othr");
        Answer made = othr.post("/api/v1/cameras", "{\"name\":\"cam-a\",\"url\":\"rtsp://127.0.0.1:9/y\","
                + "\"enabled\":false}");
        assertThat(made.status()).as("another tenant's camera has the name: no conflict").isEqualTo(201);
        String otherCamA = made.json().get("id").asText();
        assertThat(made.json().get("rtspUrl").asText()).endsWith(":" + server.rtspPort() + "/cam-a");
        assertThat(describe("cam-a", "other/othr:" + pw)).as("its own cam-a").startsWith("RTSP/1.0 503");
        assertThat(describe(otherCamA, "other/othr:" + pw)).startsWith("RTSP/1.0 503");
        assertThat(describe(otherCamA, "view:" + pw)).as("the other tenant's, by id").startsWith("RTSP/1.0 404");
        assertThat(describe("no-such-camera", "view:" + pw)).startsWith("RTSP/1.0 404");
        for (String path : List.of("cam-a", "no-such-camera", otherCamA, fx.otherTenant + "/cam-a")) {
            assertThat(describe(path, null)).as(path + ", no credentials").startsWith("RTSP/1.0 401");
            assertThat(describe(path, "view:wrong-password")).as(path + ", wrong password").startsWith("RTSP/1.0 401");
            assertThat(describe(path, "nobody:" + pw)).as(path + ", unknown user").startsWith("RTSP/1.0 401");
        }
    }

    @Test
    void aSystemAdminReadsAnotherTenantsCamerasAtTheTenantsId() throws Exception {
        String pw = AccessFixture.PASSWORD;
        ArgusClient othr = fx.client("othr");
        String name = "lobby-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AccessFixture.ok(othr.post("/api/v1/cameras", "{\"name\":\"" + name
                + "\",\"url\":\"rtsp://127.0.0.1:9/y\",\"enabled\":false}")).get("id").asText();
        String admin = "admin:" + AccessFixture.ADMIN_PASSWORD;
        assertThat(describe(fx.otherTenant + "/" + name, admin)).startsWith("RTSP/1.0 503");
        assertThat(describe(fx.otherTenant + "/" + id, admin)).startsWith("RTSP/1.0 503");
        assertThat(describe(name, admin)).as("not in its own tenant").startsWith("RTSP/1.0 404");
        assertThat(describe(fx.otherTenant + "/" + name, "tadm:" + pw)).as("a tenant admin is no system admin")
                .startsWith("RTSP/1.0 404");
        assertThat(describe(Tenants.DEFAULT_ID + "/cam-a", "other/othr:" + pw)).startsWith("RTSP/1.0 404");
        assertThat(describe(Tenants.DEFAULT_ID + "/cam-a", "view:" + pw)).as("its own tenant, qualified")
                .startsWith("RTSP/1.0 503");
        JsonNode seen = AccessFixture.ok(fx.admin.withTenant(fx.otherTenant).get("/api/v1/cameras/" + id));
        assertThat(seen.get("rtspUrl").asText()).as("the URL a system admin is shown")
                .endsWith(":" + server.rtspPort() + "/" + fx.otherTenant + "/" + name);
        Await.until(Duration.ofSeconds(10), () -> fx.admin.withTenant(fx.otherTenant).get(
                "/api/v1/audit?action=live.view&camera=" + id).body().contains("\"userName\":\"admin\""),
                () -> "the system admin's view in the camera's tenant's audit log");
    }

    @Test
    void aPublisherPushingToANewPathCreatesTheCameraInItsOwnTenant() throws Exception {
        String pw = AccessFixture.PASSWORD;
        String name = "pushed/" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(request(server, "ANNOUNCE", name, "other/othr:" + pw, SDP)).startsWith("RTSP/1.0 200");
        assertThat(names(fx.client("othr"))).contains(name);
        assertThat(names(fx.admin)).doesNotContain(name);
        assertThat(request(server, "ANNOUNCE", name, "tadm:" + pw, SDP)).as("the same name in another tenant")
                .startsWith("RTSP/1.0 200");
        assertThat(names(fx.admin)).contains(name);
        assertThat(request(server, "ANNOUNCE", fx.otherTenant + "/new-" + name, "admin:"
                + AccessFixture.ADMIN_PASSWORD, SDP)).as("pushing creates in the publisher's tenant only")
                .startsWith("RTSP/1.0 404");
    }

    private static List<String> names(ArgusClient c) {
        return AccessFixture.ok(c.get("/api/v1/cameras")).findValuesAsText("name");
    }

    /** One H.264 track, enough for an ANNOUNCE to be taken (and its camera made). */
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=test\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:streamid=0\r\n";

    @Test
    void anonymousReadingIsALabSwitch() throws Exception {
        AccessFixture f = new AccessFixture(lab);
        assertThat(request(lab.server(), "DESCRIBE", f.camA, null)).startsWith("RTSP/1.0 503");
        assertThat(request(lab.server(), "ANNOUNCE", "new/path", null)).startsWith("RTSP/1.0 401");
        io.argus.testkit.Await.until(java.time.Duration.ofSeconds(10), () -> f.admin.get(
                "/api/v1/audit?action=live.view&user=rtsp-anonymous").body().contains(f.camA),
                () -> "the anonymous reader in the camera's tenant's audit log");
    }

    private static String describe(String path, String userPass) throws Exception {
        return request(server, "DESCRIBE", path, userPass);
    }

    private static String announce(String path, String userPass) throws Exception {
        return request(server, "ANNOUNCE", path, userPass);
    }

    /** One request on a new connection; the status line and headers of the answer. */
    static String request(ArgusServer s, String method, String path, String userPass) throws Exception {
        return request(s, method, path, userPass, "");
    }

    static String request(ArgusServer s, String method, String path, String userPass, String sdp) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.rtspPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " rtsp://127.0.0.1:" + s.rtspPort() + "/" + path
                    + " RTSP/1.0\r\nCSeq: 1\r\n");
            if (userPass != null) {
                req.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                        userPass.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            if (method.equals("ANNOUNCE")) {
                req.append("Content-Type: application/sdp\r\nContent-Length: ").append(sdp.length()).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.append("\r\n").append(sdp).toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                lines.add(l);
            }
            return String.join("\n", lines);
        }
    }
}
