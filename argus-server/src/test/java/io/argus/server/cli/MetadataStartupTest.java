package io.argus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.tier.E2e;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argus server} and the offline commands with metadata.url set: each reason PostgreSQL cannot be used stops
 * them with one line naming it (exit 1; 2 for a URL of another engine), never with the password, and no embedded
 * database is made behind the key's back.
 */
@E2e
class MetadataStartupTest {
    static final String SECRET = "wrong-secret-0815";

    @TempDir
    Path dir;

    ArgusCliTest.Run server(Map<String, String> env, String url, String user) {
        return ArgusCliTest.run(env, "server", "--data-dir", dir.toString(), "--http-port", "0", "--rtsp-port", "0",
                "--set", "rtsp.rtpPort=0", "--set", "rtsp.rtcpPort=0", "--set", "rtmp.enabled=false",
                "--set", "http.host=127.0.0.1", "--set", "metadata.url=" + url, "--set", "metadata.user=" + user);
    }

    @Test
    void anUnreachableServerStopsStartUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ArgusCliTest.Run r = server(Map.of("ARGUS_METADATA_PASSWORD", SECRET),
                "jdbc:postgresql://127.0.0.1:" + port + "/argus", "argus");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("cannot start metadata: cannot reach PostgreSQL at 127.0.0.1:" + port
                + "/argus as argus").doesNotContain(SECRET).doesNotContain("\tat ");
        assertThat(dir.resolve("metadata")).doesNotExist();
    }

    @Test
    void aWrongPasswordStopsStartUpWithoutShowingIt() {
        EmbeddedPostgres.Database d = EmbeddedPostgres.freshDatabase();
        ArgusCliTest.Run r = server(Map.of("ARGUS_METADATA_PASSWORD", SECRET), d.url(), d.user());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("the server refused the login (wrong metadata.user or metadata.password")
                .doesNotContain(SECRET);
        ArgusCliTest.Run audit = ArgusCliTest.run(Map.of("ARGUS_METADATA_PASSWORD", SECRET), "audit", "verify",
                "--data-dir", dir.toString(), "--set", "metadata.url=" + d.url(), "--set", "metadata.user=" + d.user());
        assertThat(audit.status()).isEqualTo(1);
        assertThat(audit.err()).contains("refused the login").doesNotContain(SECRET);
        assertThat(dir.resolve("metadata")).doesNotExist();
    }

    @Test
    void aSuperuserIsRefused() {
        EmbeddedPostgres.Database d = EmbeddedPostgres.freshDatabase();
        ArgusCliTest.Run r = server(Map.of(), d.url(), "postgres");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("as postgres: the role is a superuser, which bypasses row-level security");
    }

    @Test
    void anotherEnginesUrlIsAConfigurationError() {
        ArgusCliTest.Run r = server(Map.of(), "jdbc:mysql://db/argus?password=" + SECRET, "argus");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("invalid value for metadata.url").contains("unsupported JDBC URL (jdbc:mysql)")
                .doesNotContain(SECRET);
    }

    @Test
    void aPostgresUrlNeedsAUser() {
        ArgusCliTest.Run r = server(Map.of(), "jdbc:postgresql://127.0.0.1/argus", "");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("metadata.user is empty");
    }
}
