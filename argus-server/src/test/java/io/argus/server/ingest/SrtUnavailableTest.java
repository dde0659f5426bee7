package io.argus.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.ArgusClient;
import io.argus.media.srt.Srt;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.CapturedLog;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node without libsrt (here: told to load a library that does not exist) starts with SRT off, says so in one log
 * line, and serves everything else; a camera with an {@code srt://} source then waits with a clear error.
 */
@E2e
class SrtUnavailableTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty(Srt.LIBRARY_PROPERTY);
    }

    @Test
    void withoutLibsrtTheNodeRunsWithSrtOffAndSaysSoOnce() {
        System.setProperty(Srt.LIBRARY_PROPERTY, "argus-no-such-srt-library");
        List<String> said;
        try (CapturedLog log = CapturedLog.start();
             ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "pw")))) {
            said = log.linesWith("SRT is off");
            assertThat(server.srtPort()).isEqualTo(-1);
            assertThat(server.srt()).isEmpty();
            ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", "pw");
            assertThat(api.get("/api/v1/cameras").status()).isEqualTo(200);
            assertThat(server.rtmpPort()).isPositive();
        }
        assertThat(said).singleElement().asString().contains("libsrt not found").contains("libsrt1.5-openssl");
    }
}
