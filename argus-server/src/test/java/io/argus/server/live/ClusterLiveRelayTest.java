package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.auth.Action;
import io.argus.server.auth.NodeTokenSigner;
import io.argus.server.cluster.NodeAnnouncement;
import io.argus.server.config.ArgusConfig;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any node serves any camera's live view (docs/cluster.md): two nodes on one Kafka broker and one PostgreSQL
 * database; a camera whose shard node A owns is watched on node B over its snapshot, {@code live.ws}, LL-HLS and RTSP
 * (ffprobe), which B relays from A's RTSP re-stream with a relay token, and stops relaying once the viewers left.
 * A's RTSP server takes a relay token for its one camera only, and nothing a user holds as one.
 */
@E2e
class ClusterLiveRelayTest {
    static final String SECRET = "test-cluster-secret-of-32-characters-at-least";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Few: the test broker on two shared cores takes ~40 s to create a 4096-partition topic. */
    static final String SHARDS = "64";

    /** Enough that some fall in node A's shards whatever ids they get: all eight in B's half has odds of 1/256. */
    static final int CAMERAS = 8;
    @RegisterExtension
    static final TestNode a = cluster(TestNode.withCameras(CAMERAS).small().postgres(), "node-a");

    @TempDir
    static Path dir;
    static ArgusServer b;
    static ArgusClient adminB;

    static TestNode cluster(TestNode n, String name) {
        return n.set("cluster.kafka", KafkaBrokers.shared().bootstrapServers()).set("cluster.node", name)
                .set("cluster.capacity", "50").set("cluster.shards", SHARDS).set("cluster.secret", SECRET)
                .set("cluster.relayIdle", "1s").set("analytics.enabled", "false");
    }

    @BeforeAll
    static void startNodeB() {
        // Live view only: no recording, to spare the two cores.
        for (int i = 0; i < CAMERAS; i++) {
            assertThat(a.api().put("/api/v1/cameras/" + a.camera(i) + "/recording", "{\"mode\":\"off\"}").ok())
                    .isTrue();
        }
        Map<String, String> config = new HashMap<>(Map.of("admin.password", TestNode.PASSWORD,
                "cluster.kafka", KafkaBrokers.shared().bootstrapServers(), "cluster.node", "node-b",
                "cluster.capacity", "50", "cluster.shards", SHARDS, "cluster.secret", SECRET,
                "cluster.relayIdle", "1s", "analytics.enabled", "false"));
        config.putAll(Map.of("metadata.url", a.database().url(), "metadata.user", a.database().user(),
                "metadata.password", a.database().password()));
        b = ArgusServer.start(ArgusConfig.ephemeral(dir.resolve("node-b"), config));
        adminB = ArgusClient.local(b.httpPort()).login("admin", TestNode.PASSWORD);
    }

    @AfterAll
    static void stopNodeB() {
        if (b != null) {
            b.close();
        }
    }

    /** A camera whose shard A owns, once B has its shards and has heard A say so. */
    private static String cameraOwnedByA() {
        String[] found = new String[1];
        Await.until(WAIT, () -> {
            if (b.cluster().ownedShards() == 0) {
                return false;
            }
            for (int i = 0; i < CAMERAS; i++) {
                String c = a.camera(i);
                Optional<NodeAnnouncement> owner = b.cluster().ownerOf(c);
                if (a.server().cluster().owns(c) && !b.cluster().owns(c) && owner.isPresent()
                        && owner.get().name().equals("node-a")) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        }, () -> "a camera node A owns, as node B hears it (B owns " + b.cluster().ownedShards() + " shards)");
        return found[0];
    }

    @Test
    void nodeBServesACameraOfNodeAOverEveryLiveOutputAndStopsTheRelayWhenTheyLeave() throws Exception {
        assumeTrue(installed("ffprobe"), "ffprobe not installed");
        String camera = cameraOwnedByA();
        assertThat(b.paths().get(camera).orElseThrow().relayed()).isFalse();

        long t0 = System.nanoTime();
        byte[] jpeg = adminB.snapshot(camera);
        long firstPicture = (System.nanoTime() - t0) / 1_000_000;
        assertThat(jpeg).startsWith(0xFF, 0xD8);
        assertThat(b.paths().get(camera).orElseThrow().relayed()).isTrue();

        LiveWsClient ws = new LiveWsClient(HttpClient.newHttpClient(), "ws://127.0.0.1:" + b.httpPort()
                + "/api/v1/cameras/" + camera + "/live.ws", adminB.token());
        ws.await(3, Duration.ofSeconds(10));

        Answer playlist = adminB.get("/api/v1/cameras/" + camera + "/live.m3u8");
        assertThat(playlist.status()).as(playlist.body()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U").contains("#EXT-X-PART");

        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name,width", "-of", "csv=p=0", "rtsp://admin:" + TestNode.PASSWORD + "@127.0.0.1:"
                + b.rtspPort() + "/" + camera).redirectErrorStream(true).start();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String probed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probed).as(probed).contains("h264,640");
        assertThat(probe.exitValue()).isZero();

        // The owner audits the relay as node B; B audits its own viewers (the RTSP one above among them).
        Await.until(Duration.ofSeconds(10), () -> a.api().get("/api/v1/audit?action=live.view&user=node:node-b")
                .body().contains(camera), () -> "node-b's relay in node A's audit log");
        Await.until(Duration.ofSeconds(10), () -> adminB.get("/api/v1/audit?action=live.view&user=admin")
                .body().contains(camera), () -> "the RTSP viewer in node B's audit log");

        ws.abort();
        long left = System.nanoTime();
        Await.until(WAIT, () -> !b.paths().get(camera).orElseThrow().relayed(), () -> "the relay stopped");
        long stopped = (System.nanoTime() - left) / 1_000_000;
        System.out.println("RELAY node-b <- node-a: first relayed snapshot " + firstPicture
                + " ms (relay connect + next keyframe); relay stopped " + stopped
                + " ms after the last viewer left (cluster.relayIdle 1s, LL-HLS viewers linger)");
    }

    @Test
    void nodeARefusesAUsersTokenAsANodeTokenAndARelayTokenForAnyOtherCamera() throws Exception {
        String camera = cameraOwnedByA();
        String other = a.camera(0).equals(camera) ? a.camera(1) : a.camera(0);
        UUID tenant = UUID.fromString(a.api().get("/api/v1/me").json().get("tenantId").asText());
        NodeTokenSigner signer = new NodeTokenSigner(SECRET, Clock.systemUTC());
        String relay = signer.mint("node-b", tenant, UUID.fromString(camera), null, Set.of(Action.VIEW_LIVE));

        assertThat(describe(camera, "argus-node:" + relay)).startsWith("RTSP/1.0 200");
        assertThat(describe(other, "argus-node:" + relay)).startsWith("RTSP/1.0 404");
        // Another tenant's camera, by its tenant-qualified path or its id alone.
        Answer acme = a.api().post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"acme-admin\","
                + "\"adminPassword\":\"" + TestNode.PASSWORD + "\"}");
        assertThat(acme.status()).as(acme.body()).isEqualTo(201);
        ArgusClient acmeAdmin = ArgusClient.local(a.server().httpPort()).login("acme", "acme-admin",
                TestNode.PASSWORD);
        String acmeCamera = acmeAdmin.post("/api/v1/cameras", "{\"name\":\"door\",\"url\":\""
                + a.url(0) + "\"}").json().get("id").asText();
        String acmeTenant = acmeAdmin.get("/api/v1/me").json().get("tenantId").asText();
        assertThat(describe(acmeTenant + "/" + acmeCamera, "argus-node:" + relay)).startsWith("RTSP/1.0 404");
        assertThat(describe(acmeCamera, "argus-node:" + relay)).startsWith("RTSP/1.0 404");
        // A relay token of acme's camera minted for the default tenant: the camera is not that tenant's.
        String crossed = signer.mint("node-b", tenant, UUID.fromString(acmeCamera), null, Set.of(Action.VIEW_LIVE));
        assertThat(describe(acmeCamera, "argus-node:" + crossed)).startsWith("RTSP/1.0 404");

        // What a user holds is no node token: its API token dressed as one, or one signed with another secret.
        String userToken = a.api().token();
        assertThat(describe(camera, "argus-node:" + NodeTokenSigner.PREFIX + userToken)).startsWith("RTSP/1.0 401");
        String forged = new NodeTokenSigner(SECRET.replace('t', 'x'), Clock.systemUTC()).mint("node-b", tenant,
                UUID.fromString(camera), null, Set.of(Action.VIEW_LIVE));
        assertThat(describe(camera, "argus-node:" + forged)).startsWith("RTSP/1.0 401");
        // And a node token is no user's bearer token on the API.
        assertThat(ArgusClient.local(a.server().httpPort()).withToken(relay).get("/api/v1/cameras").status())
                .isEqualTo(401);
    }

    /** One DESCRIBE on a new connection to node A; the status line and headers of the answer. */
    private static String describe(String path, String userPass) throws Exception {
        int port = a.server().rtspPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("DESCRIBE rtsp://127.0.0.1:" + port + "/" + path + " RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(
                    StandardCharsets.UTF_8)) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                out.append(line).append('\n');
            }
            return out.toString();
        }
    }

    private static boolean installed(String program) {
        try {
            return new ProcessBuilder(program, "-version").redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
