package io.argus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.tier.E2e;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@E2e
class UserCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run argus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ArgusCli.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** The rule "a new password ends every session" holds at the console as it does over HTTP. */
    @Test
    void passwdOfflineEndsTheUsersSessionsAndTokens() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "a-long-cli-passphrase\n");
        Path pw2 = Files.writeString(dir.resolve("pw2"), "another-cli-passphrase\n");
        Path data = dir.resolve("data");
        assertThat(argus("user", "add", "ops", "--role", "viewer", "--password-file", pw.toString(), "--data-dir",
                data.toString()).status()).isZero();
        ArgusClient before;
        String apiToken;
        try (ArgusServer s = ArgusServer.start(ArgusConfig.ephemeral(data, Map.of("admin.password", "cli-admin-pw")))) {
            before = ArgusClient.local(s.httpPort()).login("ops", "a-long-cli-passphrase");
            apiToken = before.post("/api/v1/me/tokens", "{\"name\":\"wall\"}").json().get("token").asText();
        }
        assertThat(argus("user", "passwd", "ops", "--password-file", pw2.toString(), "--data-dir", data.toString())
                .status()).isZero();
        try (ArgusServer s = ArgusServer.start(ArgusConfig.ephemeral(data, Map.of("admin.password", "cli-admin-pw")))) {
            ArgusClient api = ArgusClient.local(s.httpPort());
            assertThat(api.withToken(before.token()).get("/api/v1/me").status()).isEqualTo(401);
            assertThat(api.withToken(apiToken).get("/api/v1/me").status()).isEqualTo(401);
            assertThat(api.login("ops", "another-cli-passphrase").get("/api/v1/me").status()).isEqualTo(200);
        }
    }

    @Test
    void addListPasswdAndRolesWorkOfflineAndTheServerHonoursThem() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "a-long-cli-passphrase\n");
        Path pw2 = Files.writeString(dir.resolve("pw2"), "another-cli-passphrase\n");
        String data = dir.resolve("data").toString();
        Run add = argus("user", "add", "ops", "--role", "operator", "--password-file", pw.toString(), "--data-dir", data);
        assertThat(add.status()).as(add.err()).isZero();
        assertThat(add.out()).contains("added ops");
        assertThat(argus("user", "add", "ops", "--password-file", pw.toString(), "--data-dir", data).status())
                .isEqualTo(ArgusCli.EXIT_USAGE);
        Run weak = argus("user", "add", "weak", "--password-file", Files.writeString(dir.resolve("w"), "short\n")
                .toString(), "--data-dir", data);
        assertThat(weak.status()).isEqualTo(ArgusCli.EXIT_USAGE);
        assertThat(weak.err()).contains("at least 12");
        assertThat(argus("user", "add", "x", "--role", "wizard", "--password-file", pw.toString(), "--data-dir", data)
                .err()).contains("no role named wizard");
        Run list = argus("user", "list", "--data-dir", data);
        assertThat(list.out()).contains("ops").contains("operator");
        assertThat(argus("user", "passwd", "ops", "--password-file", pw2.toString(), "--data-dir", data).status())
                .isZero();
        assertThat(argus("user", "roles", "ops", "--role", "viewer", "--data-dir", data).status()).isZero();
        assertThat(argus("user", "passwd", "nobody", "--password-file", pw2.toString(), "--data-dir", data).err())
                .contains("no user named nobody");

        try (ArgusServer s = ArgusServer.start(ArgusConfig.ephemeral(Path.of(data), Map.of("admin.password",
                "cli-admin-pw")))) {
            ArgusClient ops = ArgusClient.local(s.httpPort()).login("ops", "another-cli-passphrase");
            assertThat(ops.get("/api/v1/me").json().get("roles").toString()).isEqualTo("[\"viewer\"]");
        }
    }
}
