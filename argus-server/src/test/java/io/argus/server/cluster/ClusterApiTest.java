package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.Subscription;
import io.argus.cluster.bus.Topic;
import io.argus.server.ArgusVersion;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A single embedded node in cluster terms: it lists itself, and publishes its changes on its in-process bus. */
@E2e
class ClusterApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final TestNode node = TestNode.bare().set("cluster.node", "solo").set("cluster.capacity", "40");

    @Test
    void theEmbeddedNodeListsItselfOwningEveryShard() {
        ArgusClient api = node.api();
        String id = api.post("/api/v1/cameras", "{\"name\":\"c1\",\"url\":\"rtsp://10.0.0.1/s\",\"enabled\":false}")
                .json().get("id").asText();
        Answer a = api.get("/api/v1/cluster");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode cluster = a.json();
        assertThat(cluster.get("shards").asInt()).isEqualTo(4096);
        assertThat(cluster.get("generation").asLong()).isEqualTo(1);
        assertThat(cluster.get("nodes")).hasSize(1);
        JsonNode self = cluster.get("nodes").get(0);
        assertThat(self.get("name").asText()).isEqualTo("solo");
        assertThat(self.get("state").asText()).isEqualTo("up");
        assertThat(self.get("url").asText()).endsWith(":" + node.server().httpPort());
        assertThat(self.get("capacity").asInt()).isEqualTo(40);
        assertThat(self.get("cameras").asInt()).isEqualTo(1);
        assertThat(self.get("load").asDouble()).isEqualTo(0.03);
        assertThat(self.get("shards").asInt()).isEqualTo(4096);
        assertThat(self.get("version").asText()).isEqualTo(ArgusVersion.get()).isNotEqualTo("unknown");
        assertThat(cluster.get("scaleHint").asInt()).isZero();
        api.delete("/api/v1/cameras/" + id);
    }

    @Test
    void cameraAndUserChangesArePublishedOnTheBus() {
        List<BusMessage> cameras = new CopyOnWriteArrayList<>();
        List<BusMessage> users = new CopyOnWriteArrayList<>();
        var bus = node.server().cluster().bus();
        try (Subscription c = bus.subscribe(Topic.CAMERA_CHANGES, "test-cameras", cameras::add);
             Subscription u = bus.subscribe(Topic.USER_CHANGES, "test-users", users::add)) {
            ArgusClient api = node.api();
            String id = api.post("/api/v1/cameras", "{\"name\":\"c2\",\"url\":\"rtsp://10.0.0.1/s\","
                    + "\"enabled\":false}").json().get("id").asText();
            assertThat(api.put("/api/v1/cameras/" + id + "/recording", "{\"mode\":\"continuous\"}").status())
                    .isEqualTo(200);
            api.delete("/api/v1/cameras/" + id);
            Await.until(WAIT, () -> cameras.size() >= 3, () -> "three camera changes: " + cameras);
            assertThat(cameras).allMatch(m -> m.key().equals(id));
            assertThat(cameras).extracting(BusMessage::payload).anyMatch(p -> p.contains("\"camera.create\""))
                    .anyMatch(p -> p.contains("\"camera.recording\"")).anyMatch(p -> p.contains("\"camera.delete\""));

            Answer token = api.post("/api/v1/me/tokens", "{\"name\":\"revoked\"}");
            String tokenId = token.json().get("id").asText();
            assertThat(api.delete("/api/v1/me/tokens/" + tokenId).status()).isEqualTo(204);
            Await.until(WAIT, () -> !users.isEmpty(), () -> "a user change");
            assertThat(users.get(0).key()).isEqualTo(tokenId);
            assertThat(users.get(0).payload()).contains("\"token.revoke\"");
        }
    }

    @Test
    void consumerLagAndOwnedShardsAreMetrics() {
        String metrics = node.api().get("/metrics").body();
        assertThat(metrics).contains("argus_cluster_consumer_lag{group=\"argus.nodes.solo\"}")
                .contains("argus_cluster_shards_owned 4096.0");
    }
}
