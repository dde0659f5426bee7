package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.server.ArgusVersion;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster page of the web UI, in headless Chromium ({@code cluster.mjs}): the administrator sees this single
 * node listed (state, cameras of capacity, load, shards, version) with the shard count and generation, refreshed on
 * its own; a viewer has no link to it and is refused when opening it by its address.
 */
@Browser
class ClusterBrowserTest {
    private static final String VIEWER_PASSWORD = "viewer-password-1";

    @RegisterExtension
    static final TestNode node = TestNode.bare().set("cluster.node", "solo").set("cluster.capacity", "40");

    @Test
    void theAdministratorSeesTheNodeAndAViewerIsRefused() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        assertThat(node.api().post("/api/v1/users", "{\"username\":\"watcher\",\"password\":\"" + VIEWER_PASSWORD
                + "\",\"roles\":[\"viewer\"]}").status()).isEqualTo(201);

        JsonNode r = browser.run("cluster.mjs", node.base(), TestNode.PASSWORD, Map.of("viewer", "watcher",
                "viewerPassword", VIEWER_PASSWORD), Duration.ofSeconds(120));
        assertThat(r.get("adminLinkVisible").asBoolean()).isTrue();
        assertThat(r.get("hash").asText()).isEqualTo("#/cluster");
        assertThat(r.get("nodes")).hasSize(1);
        JsonNode solo = r.get("nodes").get(0);
        assertThat(solo.get("name").asText()).isEqualTo("solo");
        assertThat(solo.get("state").asText()).isEqualTo("up");
        assertThat(solo.get("badge").asText()).contains("live");
        // Node, URL (the host's name, as announced), State, Cameras, Load, Shards, Version.
        assertThat(solo.get("cells")).extracting(JsonNode::asText).containsExactly("solo (this node)",
                node.server().cluster().describe().nodes().get(0).url(), "UP", "0 / 40", "0 %", "4096",
                ArgusVersion.get());
        assertThat(solo.get("bar").asText()).isEqualTo("0%");
        assertThat(r.get("shards").asText()).isEqualTo("4096");
        assertThat(r.get("generation").asText()).isEqualTo("1");
        assertThat(r.get("scale").asText()).isEqualTo("0");
        assertThat(r.get("hint").asText()).contains("sized right");
        assertThat(r.get("afterRefresh").get(0).get("cells").get(3).asText()).isEqualTo("1 / 40");
        assertThat(r.get("afterRefresh").get(0).get("cells").get(4).asText()).isEqualTo("3 %");

        assertThat(r.get("viewerLinkVisible").asBoolean()).isFalse();
        assertThat(r.get("viewerError").asText()).isEqualTo("forbidden");
        assertThat(r.get("viewerMessage").asText()).isNotBlank();
        assertThat(r.get("viewerRows").asInt()).isZero();
        assertThat(r.get("csp")).isEmpty();
        System.out.println("CLUSTER page refreshed with a new camera after " + r.get("refreshMs").asLong() + " ms");
    }
}
