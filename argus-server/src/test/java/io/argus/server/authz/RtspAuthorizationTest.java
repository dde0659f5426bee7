package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTSP server's rules, request by request on a raw socket: readers need view-live on the camera, publishers
 * manage-cameras, with Basic credentials (a password or a token); a 401 offers Basic only. The cameras are not
 * live, so an authorized DESCRIBE answers 503 and a refused one 401.
 */
@E2e
class RtspAuthorizationTest {
    @TempDir
    static Path dir;
    static ArgusServer server;
    static AccessFixture fx;

    @BeforeAll
    static void start() {
        server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", AccessFixture.ADMIN_PASSWORD)));
        fx = new AccessFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
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
        assertThat(describe(fx.camB, "cust:" + pw)).as("outside its group").startsWith("RTSP/1.0 401");
        assertThat(describe(fx.camA, "audi:" + pw)).as("no view-live").startsWith("RTSP/1.0 401");
        assertThat(describe(fx.camA, "other/othr:" + pw)).as("another tenant").startsWith("RTSP/1.0 401");
        assertThat(describe(fx.camA, "view:wrong-password")).startsWith("RTSP/1.0 401");
        String token = fx.client("view").token();
        assertThat(describe(fx.camA, "token:" + token)).as("a token as the password").startsWith("RTSP/1.0 503");
        assertThat(describe(fx.camA, "token:" + fx.client("audi").token())).startsWith("RTSP/1.0 401");
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
    void anonymousReadingIsALabSwitch() throws Exception {
        try (ArgusServer lab = ArgusServer.start(ArgusConfig.ephemeral(dir.resolve("lab"), Map.of("admin.password",
                AccessFixture.ADMIN_PASSWORD, "rtsp.anonymousRead", "true")))) {
            AccessFixture f = new AccessFixture(lab);
            assertThat(request(lab, "DESCRIBE", f.camA, null)).startsWith("RTSP/1.0 503");
            assertThat(request(lab, "ANNOUNCE", "new/path", null)).startsWith("RTSP/1.0 401");
            io.argus.testkit.Await.until(java.time.Duration.ofSeconds(10), () -> f.admin.get(
                    "/api/v1/audit?action=live.view&user=rtsp-anonymous").body().contains(f.camA),
                    () -> "the anonymous reader in the camera's tenant's audit log");
        }
    }

    private static String describe(String path, String userPass) throws Exception {
        return request(server, "DESCRIBE", path, userPass);
    }

    private static String announce(String path, String userPass) throws Exception {
        return request(server, "ANNOUNCE", path, userPass);
    }

    /** One request on a new connection; the status line and headers of the answer. */
    static String request(ArgusServer s, String method, String path, String userPass) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.rtspPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " rtsp://127.0.0.1:" + s.rtspPort() + "/" + path
                    + " RTSP/1.0\r\nCSeq: 1\r\n");
            if (userPass != null) {
                req.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                        userPass.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            if (method.equals("ANNOUNCE")) {
                req.append("Content-Type: application/sdp\r\nContent-Length: 0\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
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
