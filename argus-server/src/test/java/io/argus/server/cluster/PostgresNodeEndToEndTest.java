package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.cli.ArgusCli;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole node with its metadata on PostgreSQL (metadata.url; the JVM's embedded PostgreSQL, a database of its own,
 * row-level security on): a simulated camera recorded into the chunk index, played back and exported, users and API
 * tokens, the audit chain verified; then the node restarted on the same database keeps all of it, and the offline
 * commands work on that database.
 */
@E2e
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresNodeEndToEndTest {
    static final String USER_PASSWORD = "correct-horse-battery";

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).postgres().set("recording.chunkDuration", "1s")
            .set("recording.minFree", "0");

    static Instant started;
    static Instant beforeRestart;
    static String apiToken;

    @Test
    @Order(1)
    void recordsIntoTheIndexAndPlaysBack() {
        started = Instant.now().minusSeconds(60);
        String cam = node.camera(0);
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> spans(cam).size() > 0
                && chunkCount(cam) >= 2, "two recorded chunks in the index");
        Answer playlist = node.api().get("/api/v1/cameras/" + cam + "/playback.m3u8?from=" + started + "&to="
                + Instant.now());
        assertThat(playlist.status()).as(playlist.body()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXTINF:", "media/chunks/");
        Answer export = node.api().get("/api/v1/cameras/" + cam + "/export.mp4?from=" + started + "&to="
                + Instant.now());
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("video/mp4");
    }

    @Test
    @Order(2)
    void usersTokensAndTheAuditChain() {
        ok(node.api().post("/api/v1/users", "{\"username\":\"guard\",\"password\":\"" + USER_PASSWORD
                + "\",\"roles\":[\"operator\"]}"));
        ArgusClient guard = login("guard");
        assertThat(guard.get("/api/v1/cameras").json().toString()).contains(node.camera(0));
        apiToken = ok(node.api().post("/api/v1/me/tokens", "{\"name\":\"ci\"}")).path("token").asText();
        assertThat(node.anonymous().withToken(apiToken).get("/api/v1/me").status()).isEqualTo(200);
        JsonNode verify = ok(node.api().get("/api/v1/audit/verify"));
        assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
        assertThat(ok(node.api().get("/api/v1/audit?limit=1000")).toString()).contains("user.create",
                "token.create");
    }

    @Test
    @Order(3)
    void aRestartOnTheSameDatabaseKeepsEverything() throws Exception {
        String cam = node.camera(0);
        int chunks = chunkCount(cam);
        beforeRestart = Instant.now();
        node.stopServer();
        node.startServer();
        node.awaitLive(cam);
        assertThat(chunkCount(cam)).isGreaterThanOrEqualTo(chunks);
        assertThat(login("guard").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(node.anonymous().withToken(apiToken).get("/api/v1/me").status()).isEqualTo(200);
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> chunkCount(cam) > chunks,
                "recording again after the restart");
        JsonNode verify = ok(node.api().get("/api/v1/audit/verify"));
        assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
    }

    /**
     * The offline commands on the node's PostgreSQL database (the node stopped, as for the embedded one): a user
     * added and listed, the audit chain and the recordings' hash chain verified; the node then logs the new user in.
     * None of them made an embedded database in the data directory.
     */
    @Test
    @Order(4)
    void offlineCommandsWorkOnTheSameDatabase() throws Exception {
        // The recordings of the first run only: after a restart shorter than a chunk the next run's first chunk was
        // seen to start 0.5 s before the last one of the first run (chunk times follow the media clock), which the
        // chain verifier reports as reordered; a recorder matter, not the metadata's.
        Instant to = beforeRestart.minusSeconds(3);
        node.stopServer();
        Path password = node.dataDir().resolve("ops-password");
        Files.writeString(password, USER_PASSWORD + "\n");
        Map<String, String> env = Map.of("ARGUS_METADATA_PASSWORD", node.database().password());
        Cli add = cli(Map.of(), "user", "add", "ops", "--role", "viewer", "--password-file", password.toString(),
                "--set", "metadata.password=" + node.database().password());
        assertThat(add.status()).as(add.err()).isZero();
        Cli list = cli(Map.of(), "user", "list", "--set", "metadata.password=" + node.database().password());
        assertThat(list.out()).contains("guard", "ops", "admin");
        Cli audit = cli(env, "audit", "verify");
        assertThat(audit.status()).as(audit.out() + audit.err()).isZero();
        assertThat(audit.out()).contains("OK: ").contains(" 0 problems");
        Cli verify = cli(env, "verify", "--camera", "cam-1", "--from", started.toString(), "--to", to.toString());
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("OK: every chunk is intact");
        assertThat(node.dataDir().resolve("metadata")).doesNotExist();

        node.startServer();
        assertThat(login("ops").get("/api/v1/me").status()).isEqualTo(200);
    }

    record Cli(int status, String out, String err) {
    }

    /** {@code argus <args>} on the node's data directory and database (its password from {@code env} or --set). */
    static Cli cli(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", node.dataDir().toString(), "--set", "metadata.url=" + node.database().url(),
                "--set", "metadata.user=" + node.database().user()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ArgusCli.execute(all.toArray(String[]::new), env, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Cli(status, out.toString(), err.toString());
    }

    static JsonNode spans(String cam) {
        return ok(node.api().get("/api/v1/cameras/" + cam + "/recordings?from=" + started + "&to="
                + Instant.now().plusSeconds(60))).path("spans");
    }

    static int chunkCount(String cam) {
        String playlist = node.api().get("/api/v1/cameras/" + cam + "/playback.m3u8?from=" + started + "&to="
                + Instant.now()).body();
        return (int) playlist.lines().filter(l -> l.contains("media/chunks/")).map(l -> l.replaceAll("#.*", ""))
                .distinct().count();
    }

    static ArgusClient login(String user) {
        Answer a = node.anonymous().post("/api/v1/auth/login", "{\"username\":\"" + user + "\",\"password\":\""
                + USER_PASSWORD + "\"}");
        return node.anonymous().withToken(ok(a).path("token").asText());
    }

    static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }
}
