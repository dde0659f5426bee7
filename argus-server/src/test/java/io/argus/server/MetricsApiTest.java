package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@E2e
class MetricsApiTest {
    @RegisterExtension
    static final TestNode node = TestNode.bare();
    @RegisterExtension
    static final TestNode publicMetrics = TestNode.bare().set("metrics.requireAuth", "false");

    @Test
    void perCameraSeriesFollowCamerasAsTheyComeChangeAndGo() {
        ArgusClient api = node.api();
        String id = api.post("/api/v1/cameras", "{\"name\":\"m1\",\"url\":\"rtsp://10.0.0.1/s\",\"enabled\":false}")
                .json().get("id").asText();
        Answer m = api.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.contentType()).startsWith("text/plain");
        String labels = "{camera=\"m1\",camera_id=\"" + id + "\"";
        assertThat(m.body())
                .contains("argus_camera_frames_total" + labels + "} 0.0")
                .contains("argus_camera_bytes_total" + labels + "}")
                .contains("argus_camera_packets_lost_total" + labels + "}")
                .contains("argus_camera_reconnects_total" + labels + "}")
                .contains("argus_camera_frames_retimed_total" + labels + "} 0.0")
                .contains("argus_camera_timestamps_arrival" + labels + "} 0.0")
                .contains("argus_camera_readers" + labels + "} 0.0")
                .contains("argus_camera_state" + labels + ",state=\"disabled\"} 1.0")
                .contains("argus_camera_state" + labels + ",state=\"live\"} 0.0")
                .contains("argus_cameras 1.0")
                .contains("argus_readers 0.0")
                .contains("argus_direct_memory_used_bytes")
                .contains("jvm_memory_used_bytes{area=\"heap\"");

        api.patch("/api/v1/cameras/" + id, "{\"name\":\"m2\"}");
        String renamed = api.get("/metrics").body();
        assertThat(renamed).contains("camera=\"m2\"").doesNotContain("camera=\"m1\"");

        api.delete("/api/v1/cameras/" + id);
        String gone = api.get("/metrics").body();
        assertThat(gone).doesNotContain(id).contains("argus_cameras 0.0");
    }

    /** Metrics name every tenant's cameras: by default only a user with view-system (a system admin) reads them. */
    @Test
    void metricsNeedAViewSystemTokenUnlessMadePublic() {
        ArgusClient admin = node.api();
        assertThat(admin.withToken(null).get("/metrics").status()).isEqualTo(401);
        assertThat(admin.get("/metrics").status()).isEqualTo(200);
        Answer scrape = admin.post("/api/v1/me/tokens", "{\"name\":\"prometheus\",\"scopes\":[\"view-system\"]}");
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(201);
        assertThat(admin.withToken(scrape.json().path("token").asText()).get("/metrics").status())
                .as("a scrape token limited to view-system, as the README shows").isEqualTo(200);
        Answer tenant = admin.post("/api/v1/tenants", "{\"name\":\"other\",\"adminUsername\":\"boss\","
                + "\"adminPassword\":\"quiet-harbour-lantern-7\"}");
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        Answer login = admin.withToken(null).post("/api/v1/auth/login", "{\"username\":\"boss\","
                + "\"password\":\"quiet-harbour-lantern-7\",\"tenant\":\"other\"}");
        assertThat(admin.withToken(login.json().path("token").asText()).get("/metrics").status())
                .as("a tenant admin, who may not see other tenants' cameras").isEqualTo(403);
        assertThat(publicMetrics.anonymous().get("/metrics").status()).isEqualTo(200);
    }
}
