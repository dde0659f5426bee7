package io.argus.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the metadata database filled by another process (issue 14 M4): H2 used to close the database on
 * the failed write, and login and reads answered 500 until space came back while {@code /readyz} said ready. Now
 * the database has a reserve to run on, then refuses changes with 507 while reads keep working, reopens on its
 * own, and readiness says why it is not ready. A real full file system: a small tmpfs ({@link SmallDisk}; the test
 * is skipped where it cannot be mounted).
 */
@E2e
class MetadataDiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskRefusesChangesCleanlyKeepsReadsAndSaysNotReady() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 48);
             ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(disk.dir().resolve("data"), Map.of(
                     "admin.password", "pw", "recording.minFree", "0")))) {
            ArgusClient admin = ArgusClient.local(server.httpPort()).login("admin", "pw");
            assertThat(addCamera(admin, "before").status()).isEqualTo(201);
            assertThat(admin.get("/readyz").status()).isEqualTo(200);

            disk.fill("runaway-1");
            await(() -> admin.get("/readyz").status() == 503, "not ready once the disk is full");
            assertThat(admin.get("/readyz").json().path("message").asText()).contains("disk").contains("full");

            // The database runs on its reserve: the node still works, and says it is short of space.
            ArgusClient again = ArgusClient.local(server.httpPort()).login("admin", "pw");
            assertThat(cameraNames(again)).containsExactly("before");
            assertThat(addCamera(again, "on-reserve").status()).isEqualTo(201);

            disk.fill("runaway-2");
            assertThat(disk.usable()).as("nothing left, the reserve taken too").isLessThan(64 << 10);
            for (int i = 0; i < 3; i++) {
                Answer refused = addCamera(admin, "refused-" + i);
                assertThat(refused.status()).as(refused.body()).isEqualTo(507);
                assertThat(refused.json().path("error").asText()).isEqualTo("insufficient_storage");
                assertThat(cameraNames(admin)).as("reads still work").containsExactly("before", "on-reserve");
                assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
            }
            assertThat(admin.get("/readyz").status()).isEqualTo(503);

            Files.delete(disk.dir().resolve("runaway-1"));
            Files.delete(disk.dir().resolve("runaway-2"));
            await(() -> admin.get("/readyz").status() == 200, "ready again once space is back");
            assertThat(addCamera(admin, "after").status()).isEqualTo(201);
            assertThat(cameraNames(ArgusClient.local(server.httpPort()).login("admin", "pw")))
                    .containsExactly("after", "before", "on-reserve");
        }
    }

    private static Answer addCamera(ArgusClient api, String name) {
        return api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"rtsp://127.0.0.1:9/" + name
                + "\",\"enabled\":false}");
    }

    private static List<String> cameraNames(ArgusClient api) {
        Answer a = api.get("/api/v1/cameras");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        a.json().forEach(c -> names.add(c.path("name").asText()));
        return names.stream().sorted().toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(50), condition, what);
    }
}
