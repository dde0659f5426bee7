package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.ArgusClient;
import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.Subscription;
import io.argus.cluster.bus.Topic;
import io.argus.server.ArgusServer;
import io.argus.server.ArgusVersion;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.Await;
import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes (two servers in this JVM, each with its own embedded database) in one cluster on the in-JVM Kafka
 * broker: each lists both, they split the shards (each lists the other's count and version), and a camera change
 * made on one reaches the other's bus within a second.
 */
@E2e
class ClusterModeTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Few: the test broker on two shared cores takes ~40 s to create a 4096-partition topic. */
    static final int SHARDS = 64;
    /** The cluster secret every test node shares (node-to-node tokens). */
    static final String SECRET = "test-cluster-secret-of-32-characters-at-least";

    @TempDir
    Path dir;

    private ArgusServer node(String name) {
        return ArgusServer.start(ArgusConfig.ephemeral(dir.resolve(name), Map.of("admin.password", "pw",
                "cluster.kafka", KafkaBrokers.shared().bootstrapServers(), "cluster.node", name,
                "cluster.capacity", "50", "cluster.shards", Integer.toString(SHARDS), "cluster.secret", SECRET)));
    }

    @Test
    void twoNodesListEachOtherSplitTheShardsAndHearEachOthersChanges() throws Exception {
        List<ArgusServer> nodes = new ArrayList<>();
        try {
            nodes.add(node("node-a"));
            nodes.add(node("node-b"));
            ArgusClient a = ArgusClient.local(nodes.get(0).httpPort()).login("admin", "pw");
            Await.until(WAIT, () -> {
                JsonNode c = a.get("/api/v1/cluster").json();
                return c.get("nodes").size() == 2 && c.get("nodes").findValuesAsText("state").stream()
                        .allMatch("up"::equals);
            }, () -> "node-a lists both nodes up: " + a.get("/api/v1/cluster").body());
            Await.until(WAIT, () -> nodes.stream().allMatch(n -> n.cluster().describe().generation() > 0)
                    && nodes.stream().mapToInt(n -> ownedShards(n)).sum() == SHARDS
                    && nodes.stream().allMatch(n -> ownedShards(n) > 0),
                    () -> "the shards split between the nodes");
            Await.until(WAIT, () -> a.get("/api/v1/cluster").json().get("nodes").get(1).get("shards").asInt()
                    == ownedShards(nodes.get(1)), () -> "node-a lists node-b's shards as node-b counts them: "
                    + a.get("/api/v1/cluster").body());
            JsonNode b = a.get("/api/v1/cluster").json().get("nodes").get(1);
            assertThat(b.get("name").asText()).isEqualTo("node-b");
            assertThat(b.get("version").asText()).isEqualTo(ArgusVersion.get());

            List<BusMessage> heardOnB = new CopyOnWriteArrayList<>();
            try (Subscription s = nodes.get(1).cluster().bus().subscribe(Topic.CAMERA_CHANGES, "probe-b",
                    heardOnB::add)) {
                long t0 = System.nanoTime();
                String id = a.post("/api/v1/cameras", "{\"name\":\"c1\",\"url\":\"rtsp://10.0.0.1/s\","
                        + "\"enabled\":false}").json().get("id").asText();
                Await.until(WAIT, () -> !heardOnB.isEmpty(), () -> "node-b hears the change");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("CHANGE camera created on node-a, heard on node-b's bus after " + ms + " ms");
                assertThat(heardOnB.get(0).key()).isEqualTo(id);
                assertThat(ms).isLessThan(1000);
            }
        } finally {
            for (ArgusServer n : nodes) {
                n.close();
            }
        }
    }

    private static int ownedShards(ArgusServer n) {
        return n.cluster().ownedShards();
    }
}
