package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.ArgusClient;
import io.argus.testkit.Await;
import io.argus.testkit.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code argus server} as a child process on a data directory, for the tests that stop a node the way an operator
 * or a crash does: {@code kill -9}, {@code kill -TERM}.
 */
final class ServerProcess implements AutoCloseable {
    static final int EXIT_SIGKILL = ChildJvm.EXIT_SIGKILL;
    static final int EXIT_SIGTERM = ChildJvm.EXIT_SIGTERM;

    private final Path dataDir;
    private final ChildJvm process;
    private final int httpPort;

    private ServerProcess(Path dataDir, ChildJvm process, int httpPort) {
        this.dataDir = dataDir;
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts a node on loopback with free ports; {@code settings} are {@code key=value} pairs. */
    static ServerProcess start(Path dataDir, String... settings) throws IOException {
        int http = freePort();
        List<String> args = new ArrayList<>(List.of("server",
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(http), "--rtsp-port", "0",
                "--set", "http.host=127.0.0.1", "--set", "rtsp.rtpPort=0", "--set", "rtsp.rtcpPort=0",
                "--set", "rtmp.port=0",
                // Tests feed the node from a simulator on loopback, which a node refuses by default.
                "--set", "camera.allowedAddresses=127.0.0.0/8"));
        for (String s : settings) {
            args.addAll(List.of("--set", s));
        }
        ChildJvm p = ChildJvm.start(List.of(), "io.argus.server.cli.ArgusCli", args.toArray(String[]::new));
        return new ServerProcess(dataDir, p, http);
    }

    /** Waits for the node to answer and logs in as the admin it created (its initial password file). */
    ArgusClient login() throws IOException {
        ArgusClient api = ArgusClient.local(httpPort);
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), () -> healthy(api) || !process.isAlive(),
                "the server process up");
        assertThat(process.isAlive()).as("server process: %s", log()).isTrue();
        return api.login("admin", Files.readString(dataDir.resolve("initial-admin-password")).strip());
    }

    /** {@code kill -9}: returns the exit status. */
    int kill() throws InterruptedException {
        return process.kill();
    }

    /** {@code kill -TERM} (a planned stop: the JVM runs its shutdown hooks): returns the exit status. */
    int terminate() throws InterruptedException {
        return process.terminate();
    }

    /** What the node printed so far. */
    String log() {
        return String.join("\n", process.output());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    private static boolean healthy(ArgusClient api) {
        try {
            return api.get("/api/v1/health").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
