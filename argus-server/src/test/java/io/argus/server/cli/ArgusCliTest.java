package io.argus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgusCliTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ArgusCli.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpAndVersion() {
        Run help = run(Map.of(), "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("server").contains("demo");
        Run serverHelp = run(Map.of(), "server", "--help");
        assertThat(serverHelp.out()).contains("--config").contains("--data-dir").contains("--http-port")
                .contains("--rtsp-port").contains("--set");
        Run version = run(Map.of(), "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("argus ").doesNotContain("unknown");
    }

    @Test
    void usageAndConfigurationErrorsExitWith2AndNoStackTrace() {
        Run none = run(Map.of());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("Missing command");

        Run badPort = run(Map.of(), "server", "--data-dir", dir.toString(), "--http-port", "http");
        assertThat(badPort.status()).isEqualTo(2);
        assertThat(badPort.err()).contains("http.port").contains("'http' is not a whole number")
                .doesNotContain("\tat ").doesNotContain("Exception");

        Run badEnv = run(Map.of("ARGUS_HTTP_PROT", "1"), "server", "--data-dir", dir.toString());
        assertThat(badEnv.status()).isEqualTo(2);
        assertThat(badEnv.err()).contains("ARGUS_HTTP_PROT");

        Run badKey = run(Map.of(), "demo", "--set", "rtsp.prot=1");
        assertThat(badKey.status()).isEqualTo(2);
        assertThat(badKey.err()).contains("rtsp.prot");

        Run badFlag = run(Map.of(), "server", "--colour");
        assertThat(badFlag.status()).isEqualTo(2);
    }

    @Test
    void aPortInUseExitsWith1AndSaysWhichRole() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run(Map.of("ARGUS_ADMIN_PASSWORD", "pw", "ARGUS_HTTP_HOST", "127.0.0.1"), "server",
                    "--data-dir", dir.toString(), "--http-port", Integer.toString(taken.getLocalPort()),
                    "--set", "rtsp.rtpPort=0", "--set", "rtsp.rtcpPort=0");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).startsWith("argus: cannot start http").doesNotContain("\tat ");
        }
    }
}
