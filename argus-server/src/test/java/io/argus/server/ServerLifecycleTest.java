package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.client.ArgusClient;
import io.argus.media.path.PathState;
import io.argus.server.auth.AdminBootstrap;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.tier.E2e;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@E2e
class ServerLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void firstStartWritesARandomAdminPasswordOnceReadableOnlyByTheOwner() throws IOException {
        Path file = dir.resolve(AdminBootstrap.PASSWORD_FILE);
        String id;
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of()))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", password);
            id = api.post("/api/v1/cameras", "{\"name\":\"kept\",\"url\":\"rtsp://10.0.0.1/s\",\"enabled\":false}")
                    .json().get("id").asText();
        }
        String before = Files.readString(file);
        var modified = Files.getLastModifiedTime(file);
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "ignored")))) {
            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
            assertThat(server.paths().get(id).orElseThrow().state()).isEqualTo(PathState.DISABLED);
            assertThat(server.paths().get(id).orElseThrow().name()).isEqualTo("kept");
            ArgusClient.local(server.httpPort()).login("admin", before.strip());
        }
    }

    @Test
    void aConfiguredAdminPasswordWritesNoFile() {
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "given")))) {
            ArgusClient.local(server.httpPort()).login("admin", "given");
        }
        assertThat(dir.resolve(AdminBootstrap.PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void aFailedStartStopsTheRolesAlreadyStarted() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ArgusConfig cfg = ArgusConfig.ephemeral(dir, Map.of("admin.password", "pw",
                    "http.port", Integer.toString(taken.getLocalPort())));
            assertThatThrownBy(() -> ArgusServer.start(cfg)).isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("cannot start http");
        }
        try (ArgusServer again = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of()))) {
            assertThat(again.httpPort()).isPositive();
        }
    }
}
