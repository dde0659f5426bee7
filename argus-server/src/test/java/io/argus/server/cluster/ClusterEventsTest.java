package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.storage.event.Event;
import io.argus.testkit.Await;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one Kafka broker and one PostgreSQL database: an event made on node A reaches an SSE client on node B
 * within a few seconds (its delay printed), and a client of another tenant on B never sees it. Each camera is
 * analysed by one node, the owner of its shard, so its events come from one node only.
 */
@E2e
class ClusterEventsTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The most an event may take from A's hub to B's SSE client. */
    static final Duration MAX_DELAY = Duration.ofSeconds(3);
    static final int EVENTS = 20;

    @TempDir
    Path dir;

    @Test
    void anEventOfNodeAReachesAStreamOnNodeBOfItsTenantOnly() throws Exception {
        EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
        List<ArgusServer> nodes = new ArrayList<>();
        try {
            nodes.add(node("node-a", db, "false"));
            nodes.add(node("node-b", db, "false"));
            ArgusServer a = nodes.get(0);
            ArgusClient adminA = ArgusClient.local(a.httpPort()).login("admin", ClusterNodes.PASSWORD);
            UUID camera = UUID.fromString(ok(adminA.post("/api/v1/cameras", "{\"name\":\"c1\","
                    + "\"url\":\"rtsp://10.0.0.1/s\",\"enabled\":false}")).get("id").asText());
            UUID tenant = UUID.fromString(ok(adminA.get("/api/v1/me")).get("tenantId").asText());
            ok(adminA.post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"acme-admin\","
                    + "\"adminPassword\":\"" + ClusterNodes.PASSWORD + "\"}"));
            ArgusClient acmeA = ArgusClient.local(a.httpPort()).login("acme", "acme-admin", ClusterNodes.PASSWORD);
            UUID acmeCamera = UUID.fromString(ok(acmeA.post("/api/v1/cameras", "{\"name\":\"door\","
                    + "\"url\":\"rtsp://10.0.0.2/s\",\"enabled\":false}")).get("id").asText());
            UUID acmeTenant = UUID.fromString(ok(acmeA.get("/api/v1/me")).get("tenantId").asText());

            int portB = nodes.get(1).httpPort();
            String b = "http://127.0.0.1:" + portB;
            try (SseEvents adminB = SseEvents.open(b, ArgusClient.local(portB).login("admin", ClusterNodes.PASSWORD).token(), WAIT);
                    SseEvents acmeB = SseEvents.open(b, ArgusClient.local(portB).login("acme", "acme-admin",
                            ClusterNodes.PASSWORD).token(), WAIT)) {
                long[] delays = new long[EVENTS];
                for (int i = 0; i < EVENTS; i++) {
                    Event e = EventRelayTest.motion(tenant, camera);
                    long t0 = System.nanoTime();
                    a.events().accept(e, null);
                    delays[i] = (adminB.await(e.id().toString(), WAIT) - t0) / 1_000_000;
                }
                // B hands each message to both streams in turn, so acme's stream had every default-tenant event
                // offered before its own, which it reads in order.
                Event acme = EventRelayTest.motion(acmeTenant, acmeCamera);
                a.events().accept(acme, null);
                acmeB.await(acme.id().toString(), WAIT);
                assertThat(acmeB.ids()).containsExactly(acme.id().toString());
                Event last = EventRelayTest.motion(tenant, camera);
                a.events().accept(last, null);
                adminB.await(last.id().toString(), WAIT);
                assertThat(adminB.ids()).hasSize(EVENTS + 1).doesNotContain(acme.id().toString());

                long[] sorted = delays.clone();
                java.util.Arrays.sort(sorted);
                System.out.println("EVENTS node-a hub -> node-b SSE client over Kafka, " + EVENTS + " events: first "
                        + delays[0] + " ms, median " + sorted[EVENTS / 2] + " ms, max " + sorted[EVENTS - 1] + " ms");
                assertThat(sorted[EVENTS - 1]).isLessThan(MAX_DELAY.toMillis());
            }
        } finally {
            for (ArgusServer n : nodes) {
                n.close();
            }
            EmbeddedPostgres.drop(db);
        }
    }

    @Test
    void eachCameraIsAnalysedByTheOwnerOfItsShardOnly() throws Exception {
        EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
        List<ArgusServer> nodes = new ArrayList<>();
        try {
            nodes.add(node("node-a", db, "true"));
            nodes.add(node("node-b", db, "true"));
            ArgusServer a = nodes.get(0);
            ArgusServer b = nodes.get(1);
            Await.until(WAIT, () -> a.cluster().ownedShards() > 0 && b.cluster().ownedShards() > 0
                    && a.cluster().ownedShards() + b.cluster().ownedShards() == ClusterModeTest.SHARDS,
                    () -> "both nodes to own shards");
            ArgusClient adminA = ArgusClient.local(a.httpPort()).login("admin", ClusterNodes.PASSWORD);
            ArgusClient adminB = ArgusClient.local(b.httpPort()).login("admin", ClusterNodes.PASSWORD);
            List<UUID> cameras = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                cameras.add(UUID.fromString(ok(adminA.post("/api/v1/cameras", "{\"name\":\"an" + i + "\","
                        + "\"url\":\"rtsp://10.0.0." + (i + 1) + "/s\"}")).get("id").asText()));
            }
            // Before the analytics followed ingest, every node analysed every camera.
            Await.until(WAIT, () -> cameras.stream().allMatch(c -> analysed(adminA, c) == a.cluster().owns(c)
                    && analysed(adminB, c) == b.cluster().owns(c)), () -> "each camera analysed by its owner only: " + cameras.stream().map(c -> c + " a owns "
                    + a.cluster().owns(c) + " analyses " + analysed(adminA, c) + ", b analyses " + analysed(adminB, c))
                    .toList());
        } finally {
            for (ArgusServer n : nodes) {
                n.close();
            }
            EmbeddedPostgres.drop(db);
        }
    }

    /** Whether the node that answers analyses the camera (its analytics answer carries counters). */
    private static boolean analysed(ArgusClient node, UUID camera) {
        JsonNode stats = ok(node.get("/api/v1/cameras/" + camera + "/analytics")).path("stats");
        return !stats.isMissingNode() && !stats.isNull();
    }

    private ArgusServer node(String name, EmbeddedPostgres.Database db, String analytics) {
        return ClusterNodes.start(dir, name, KafkaBrokers.shared().bootstrapServers(), db,
                Map.of("analytics.enabled", analytics));
    }

    private static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }
}
