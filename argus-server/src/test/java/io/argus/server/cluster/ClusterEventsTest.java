package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.storage.event.Event;
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
 * within a few seconds (its delay printed), and a client of another tenant on B never sees it.
 */
@E2e
class ClusterEventsTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The most an event may take from A's hub to B's SSE client. */
    static final Duration MAX_DELAY = Duration.ofSeconds(3);
    static final int EVENTS = 20;
    static final String PASSWORD = "correct-horse-battery";

    @TempDir
    Path dir;

    @Test
    void anEventOfNodeAReachesAStreamOnNodeBOfItsTenantOnly() throws Exception {
        EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
        List<ArgusServer> nodes = new ArrayList<>();
        try {
            nodes.add(node("node-a", db));
            nodes.add(node("node-b", db));
            ArgusServer a = nodes.get(0);
            ArgusClient adminA = ArgusClient.local(a.httpPort()).login("admin", PASSWORD);
            UUID camera = UUID.fromString(ok(adminA.post("/api/v1/cameras", "{\"name\":\"c1\","
                    + "\"url\":\"rtsp://10.0.0.1/s\",\"enabled\":false}")).get("id").asText());
            UUID tenant = UUID.fromString(ok(adminA.get("/api/v1/me")).get("tenantId").asText());
            ok(adminA.post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"acme-admin\","
                    + "\"adminPassword\":\"" + PASSWORD + "\"}"));
            ArgusClient acmeA = ArgusClient.local(a.httpPort()).login("acme", "acme-admin", PASSWORD);
            UUID acmeCamera = UUID.fromString(ok(acmeA.post("/api/v1/cameras", "{\"name\":\"door\","
                    + "\"url\":\"rtsp://10.0.0.2/s\",\"enabled\":false}")).get("id").asText());
            UUID acmeTenant = UUID.fromString(ok(acmeA.get("/api/v1/me")).get("tenantId").asText());

            int portB = nodes.get(1).httpPort();
            String b = "http://127.0.0.1:" + portB;
            try (SseEvents adminB = SseEvents.open(b, ArgusClient.local(portB).login("admin", PASSWORD).token(), WAIT);
                    SseEvents acmeB = SseEvents.open(b, ArgusClient.local(portB).login("acme", "acme-admin",
                            PASSWORD).token(), WAIT)) {
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

    private ArgusServer node(String name, EmbeddedPostgres.Database db) {
        return ArgusServer.start(ArgusConfig.ephemeral(dir.resolve(name), Map.of("admin.password", PASSWORD,
                "cluster.kafka", KafkaBrokers.shared().bootstrapServers(), "cluster.node", name,
                "cluster.capacity", "50", "cluster.shards", Integer.toString(ClusterModeTest.SHARDS),
                "cluster.secret", ClusterModeTest.SECRET,
                "metadata.url", db.url(), "metadata.user", db.user(), "metadata.password", db.password())));
    }

    private static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }
}
