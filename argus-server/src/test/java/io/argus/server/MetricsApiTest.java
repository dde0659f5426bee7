package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.server.ApiClient.Answer;
import io.argus.server.config.ArgusConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsApiTest {
    @TempDir
    Path dir;

    @Test
    void perCameraSeriesFollowCamerasAsTheyComeChangeAndGo() {
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "pw")))) {
            ApiClient api = new ApiClient(server.httpPort()).login("admin", "pw");
            String id = api.post("/api/v1/cameras", "{\"name\":\"m1\",\"url\":\"rtsp://10.0.0.1/s\",\"enabled\":false}")
                    .json().get("id").asText();
            ApiClient anonymous = api.withToken(null);
            Answer m = anonymous.get("/metrics");
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
            String renamed = anonymous.get("/metrics").body();
            assertThat(renamed).contains("camera=\"m2\"").doesNotContain("camera=\"m1\"");

            api.delete("/api/v1/cameras/" + id);
            String gone = anonymous.get("/metrics").body();
            assertThat(gone).doesNotContain(id).contains("argus_cameras 0.0");
        }
    }

    @Test
    void metricsCanRequireAToken() {
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "pw",
                "metrics.requireAuth", "true")))) {
            ApiClient api = new ApiClient(server.httpPort());
            assertThat(api.get("/metrics").status()).isEqualTo(401);
            assertThat(api.login("admin", "pw").get("/metrics").status()).isEqualTo(200);
        }
    }
}
