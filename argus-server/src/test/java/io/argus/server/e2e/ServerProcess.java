package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.ArgusClient;
import io.argus.testkit.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code argus server} as a child process on a data directory (its output in {@code server.log} there), for the
 * tests that stop a node the way an operator or a crash does: {@code kill -9}, {@code kill -TERM}.
 */
final class ServerProcess implements AutoCloseable {
    /** Exit status of a JVM ended by a signal: 128 + the signal's number. */
    static final int EXIT_SIGKILL = 128 + 9;
    static final int EXIT_SIGTERM = 128 + 15;

    private final Path dataDir;
    private final Process process;
    private final int httpPort;

    private ServerProcess(Path dataDir, Process process, int httpPort) {
        this.dataDir = dataDir;
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts a node on loopback with free ports; {@code settings} are {@code key=value} pairs. */
    static ServerProcess start(Path dataDir, String... settings) throws IOException {
        int http = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.argus.server.cli.ArgusCli", "server",
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(http), "--rtsp-port", "0",
                "--set", "http.host=127.0.0.1", "--set", "rtsp.rtpPort=0", "--set", "rtsp.rtcpPort=0",
                "--set", "rtmp.port=0",
                // Tests feed the node from a simulator on loopback, which a node refuses by default.
                "--set", "camera.allowedAddresses=127.0.0.0/8"));
        for (String s : settings) {
            cmd.addAll(List.of("--set", s));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile()).start();
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
        process.destroyForcibly();
        return exitStatus();
    }

    /** {@code kill -TERM} (a planned stop: the JVM runs its shutdown hooks): returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        return exitStatus();
    }

    private int exitStatus() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server process ended").isTrue();
        return process.exitValue();
    }

    /** What the node printed so far. */
    String log() {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
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
