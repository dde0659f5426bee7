package io.argus.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.cli.ArgusCli;
import io.argus.server.config.ArgusConfig;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.testkit.S3Proxies;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.E2e;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage tiers through the running server against s3proxy: policies with region pinning, moves hot → warm →
 * cold (DEEP_ARCHIVE), playback from object storage, 409 restore_needed and the restore, promotion back to hot,
 * the usage report, and S3 down then up with the backlog metric and the alert.
 */
@E2e
class StorageTiersApiTest {
    /** Three days ago: past a one-day hot and one-day warm stage. */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);

    @TempDir
    Path dir;
    S3Proxies s3;
    ArgusServer server;
    ArgusClient api;

    @BeforeEach
    void start() throws Exception {
        s3 = S3Proxies.start(dir.resolve("s3"), "us-bucket", "eu-bucket");
        String creds = ",pathStyle=true,accessKey=" + S3Proxies.ACCESS_KEY + ",secretKey=" + S3Proxies.SECRET_KEY;
        server = ArgusServer.start(ArgusConfig.ephemeral(dir.resolve("node"), Map.of("admin.password", "pw",
                "recording.minFree", "0", "storage.mover.interval", "1h",
                "storage.s3.targets", "us:endpoint=" + s3.endpoint() + ",region=us-east-1,bucket=us-bucket,prefix=a/"
                        + creds + ";eu:endpoint=" + s3.endpoint() + ",region=eu-west-1,bucket=eu-bucket" + creds)));
        api = ArgusClient.local(server.httpPort()).login("admin", "pw");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        s3.close();
    }

    private String camera(String name) throws Exception {
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"rtsp://127.0.0.1:9/" + name
                + "\",\"enabled\":false}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        String id = a.json().get("id").asText();
        VolumeStore store = server.recording().store();
        ChunkIndex index = server.recording().index();
        ChunkRecord prev = null;
        for (int i = 0; i < 3; i++) {
            prev = ChunkFixtures.write(store, Tenants.DEFAULT_ID, UUID.fromString(id), T0.plusSeconds(4L * i),
                    SampleMedia.H264_1080P25, false, 0, prev);
            assertThat(index.add(prev)).isTrue();
        }
        return id;
    }

    private String policy(String body) {
        Answer a = api.post("/api/v1/storage/policies", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    private JsonNode run() {
        Answer a = api.post("/api/v1/storage/mover/run", "");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private JsonNode usageOf(String tier) {
        for (JsonNode t : api.get("/api/v1/storage/usage").json().get("tiers")) {
            if (t.get("tier").asText().equals(tier)) {
                return t;
            }
        }
        throw new AssertionError(tier);
    }

    private static long files(Path p) throws Exception {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void policiesMovePlaybackRestoreAndPromote() throws Exception {
        String cam = camera("lobby");
        String range = "?from=" + T0 + "&to=" + T0.plusSeconds(12);
        // Pinned to us-east-1 but naming the eu target: refused.
        Answer bad = api.post("/api/v1/storage/policies", "{\"name\":\"bad\",\"region\":\"us-east-1\",\"hotDays\":1,"
                + "\"warm\":{\"target\":\"eu\",\"days\":1},\"deleteAfterDays\":30}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("eu-west-1");
        assertThat(api.post("/api/v1/storage/policies", "{\"name\":\"x\",\"hotDays\":-1}").status()).isEqualTo(400);
        String p = policy("{\"name\":\"std\",\"region\":\"us-east-1\",\"hotDays\":1,\"warm\":{\"target\":\"us\","
                + "\"storageClass\":\"STANDARD_IA\",\"days\":1},\"cold\":{\"target\":\"us\",\"storageClass\":"
                + "\"DEEP_ARCHIVE\"},\"deleteAfterDays\":365}");
        assertThat(api.send("PUT", "/api/v1/cameras/" + cam + "/storage-policy", "{\"policyId\":\"" + p + "\"}")
                .status()).isEqualTo(200);

        JsonNode s = run();
        assertThat(s.get("movedTotal").asLong()).isEqualTo(3);
        assertThat(usageOf("warm").get("chunks").asLong()).isEqualTo(3);
        assertThat(usageOf("hot").get("chunks").asLong()).isZero();
        assertThat(files(dir.resolve("node/recordings"))).isZero();
        // Playback reads the chunks from object storage.
        Answer pl = api.get("/api/v1/cameras/" + cam + "/playback.m3u8" + range);
        assertThat(pl.status()).as(pl.body()).isEqualTo(200);
        Answer chunk = api.get("/api/v1/cameras/" + cam + "/media/chunks/" + T0.toEpochMilli() + ".mp4");
        assertThat(chunk.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/cameras/" + cam + "/export.mp4" + range).status()).isEqualTo(200);

        run();
        assertThat(usageOf("cold").get("chunks").asLong()).isEqualTo(3);
        Answer need = api.get("/api/v1/cameras/" + cam + "/playback.m3u8" + range);
        assertThat(need.status()).isEqualTo(409);
        assertThat(need.json().get("error").asText()).isEqualTo("restore_needed");
        assertThat(need.body()).contains(T0.toString());
        assertThat(api.get("/api/v1/cameras/" + cam + "/export.mp4" + range).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/cameras/" + cam + "/promote" + range, "").status()).isEqualTo(409);

        Answer restore = api.post("/api/v1/cameras/" + cam + "/restore" + range + "&days=2", "");
        assertThat(restore.status()).as(restore.body()).isEqualTo(202);
        assertThat(restore.json().get("restoring")).hasSize(3);
        assertThat(api.get("/api/v1/cameras/" + cam + "/playback.m3u8" + range).status()).isEqualTo(200);

        Answer promote = api.post("/api/v1/cameras/" + cam + "/promote" + range, "");
        assertThat(promote.status()).as(promote.body()).isEqualTo(202);
        assertThat(promote.json().get("promoting")).hasSize(3);
        run();
        assertThat(usageOf("hot").get("chunks").asLong()).isEqualTo(3);
        assertThat(files(dir.resolve("node/recordings"))).isEqualTo(3);
        assertThat(files(s3.bucketDir("us-bucket"))).isZero();
        assertThat(files(s3.bucketDir("eu-bucket"))).isZero();
        assertThat(api.get("/api/v1/cameras/" + cam + "/export.mp4" + range).status()).isEqualTo(200);
        JsonNode usage = api.get("/api/v1/storage/usage").json();
        assertThat(usage.get("cameras")).isNotEmpty();
        assertThat(usage.get("monthlyCost").asDouble()).isGreaterThan(0);
        // The CLI shows the same report.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = ArgusCli.execute(new String[] {"storage", "usage", "--url", "http://127.0.0.1:" + server.httpPort(),
            "--password", "pw"}, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("(?m)^hot +3 ").contains("projected monthly cost", cam);
    }

    @Test
    void s3DownKeepsChunksLocalAndRaisesTheAlertUntilItDrains() throws Exception {
        String cam = camera("door");
        String p = policy("{\"name\":\"warm-only\",\"region\":\"us-east-1\",\"hotDays\":1,\"warm\":{\"target\":"
                + "\"us\"},\"deleteAfterDays\":30}");
        assertThat(api.send("PUT", "/api/v1/storage/default-policy", "{\"policyId\":\"" + p + "\"}").status())
                .isEqualTo(200);
        s3.stop();
        JsonNode down = run();
        assertThat(down.get("state").asText()).isEqualTo("degraded");
        assertThat(down.get("alert").asBoolean()).isTrue();
        assertThat(down.get("backlogChunks").asLong()).isEqualTo(3);
        assertThat(down.get("failingTargets").toString()).contains("us");
        assertThat(files(dir.resolve("node/recordings"))).isEqualTo(3);
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("argus_storage_tier_backlog_chunks 3.0", "argus_storage_tier_alert 1.0");
        assertThat(api.get("/api/v1/cameras/" + cam + "/playback.m3u8?from=" + T0 + "&to=" + T0.plusSeconds(12))
                .status()).isEqualTo(200);

        s3.start();
        JsonNode up = run();
        assertThat(up.get("state").asText()).isEqualTo("ok");
        assertThat(up.get("backlogChunks").asLong()).isZero();
        assertThat(usageOf("warm").get("chunks").asLong()).isEqualTo(3);
        assertThat(files(dir.resolve("node/recordings"))).isZero();
        assertThat(api.get("/metrics").body()).contains("argus_storage_tier_backlog_chunks 0.0",
                "argus_storage_tier_alert 0.0");
        StringWriter out = new StringWriter();
        assertThat(ArgusCli.execute(new String[] {"storage", "status", "--url", "http://127.0.0.1:"
            + server.httpPort(), "--password", "pw"}, Map.of(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))).isZero();
        assertThat(out.toString()).contains("state:           ok", "backlog:         0 chunks");
    }
}
