package io.argus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.server.config.ConfigKey;
import io.argus.server.config.ConfigKeys;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code argus bench} cleans up after itself (issue 18): a run leaves its logs and nothing else, on success, on a
 * signal, and refuses to start when the disk cannot hold it. Each run is real (simulator, server and ffmpeg as
 * child processes), kept tiny: two cameras for a few seconds.
 */
@E2e
class BenchCommandTest {
    /** A small server: the bench's default 1 GiB pre-touched heap is more than these runs need. */
    private static final List<String> TINY = List.of("--cameras", "2", "--warmup", "1", "--duration", "2",
            "--server-heap", "256m");
    private static final Pattern DELETED = Pattern.compile("deleted \\S+ \\S*B \\(([0-9,]+) bytes\\)");

    @TempDir
    Path dir;

    /**
     * Also the report of issue 16 in one run on the same sources: the server's threads and GC, the floor and
     * ffmpeg, and the server's CPU as ratios of theirs (printed, never asserted: performance is benchmarked).
     */
    @Test
    void aRunDeletesItsRecordingsAndLeavesOnlyTheLogs() throws IOException {
        assumeFfmpeg();
        ArgusCliTest.Run r = bench("record", "--ffmpeg", "1", "--work-dir", dir.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("server threads +ingest [0-9.]+ %, recorder [0-9.]+ %, GC")
                .containsPattern("server GC +[0-9]+ collections")
                .containsPattern("floor \\(Java NIO\\) +2 cameras: [0-9.]+ % of a core")
                .containsPattern("ffmpeg -c copy +1 recorders")
                .containsPattern("CPU per camera +Argus/floor ([0-9.]+|n/a \\(no CPU measured\\)), "
                        + "Argus/ffmpeg ([0-9.]+|n/a \\(no CPU measured\\))");
        Path run = onlyRunFolder(dir);
        assertOnlyLogsIn(run);
        assertThat(run.resolve("server.log")).isNotEmptyFile();
        assertThat(r.out()).contains("logs: " + run);
        Matcher deleted = DELETED.matcher(r.out());
        assertThat(deleted.find()).as(r.out()).isTrue();
        // One 2 Mbit/s camera recorded by ffmpeg for seconds: hundreds of kilobytes. (The server's own chunks in
        // progress are lost when it is stopped, issue 14, so they cannot be counted on.)
        assertThat(Long.parseLong(deleted.group(1).replace(",", ""))).isGreaterThan(500_000);
    }

    @Test
    void aFailedRunDeletesWhatItMadeToo() throws IOException {
        // The simulator refuses the codec and exits; the server had started and made its data directory.
        ArgusCliTest.Run r = bench("ingest", "--codec", "h266", "--work-dir", dir.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("simulator did not start");
        Path run = onlyRunFolder(dir);
        assertOnlyLogsIn(run);
        assertThat(run.resolve("sim.log")).content().contains("h266");
        assertThat(r.out()).contains("logs: " + run).containsPattern(DELETED);
    }

    @Test
    void keepKeepsTheRecordings() throws IOException {
        assumeFfmpeg();
        ArgusCliTest.Run r = bench("record", "--ffmpeg", "1", "--keep", "--work-dir", dir.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        Path run = onlyRunFolder(dir);
        assertThat(r.out()).contains("logs: " + run).contains("kept").doesNotContain("deleted");
        assertThat(run.resolve("data/server/metadata")).isNotEmptyDirectory();
        // ffmpeg's segments: the server's own chunk in progress is lost when it is stopped (issue 14, H2 closing
        // before the recorders), so it cannot show what --keep keeps.
        try (Stream<Path> files = Files.walk(run.resolve("data/ffmpeg"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".mp4")).toList()).as("recordings kept")
                    .isNotEmpty();
        }
    }

    /**
     * The bench's server starts beside another Argus on the machine (another bench, a developer's node) holding the
     * default RTSP UDP ports: it exited at start, and the bench waited 120 s for its health (seen in CI, and here
     * with another bench running).
     */
    @Test
    void runsBesideAnotherServerOnTheDefaultPorts() throws IOException {
        try (DatagramSocket rtp = holdUdp(ConfigKeys.RTSP_RTP_PORT);
             DatagramSocket rtcp = holdUdp(ConfigKeys.RTSP_RTCP_PORT)) {
            ArgusCliTest.Run r = bench("ingest", "--work-dir", dir.toString());
            assertThat(r.status()).as(r.out() + r.err()).isZero();
        }
    }

    /** Binds the key's default UDP port, or null when another process holds it already (the case under test too). */
    private static DatagramSocket holdUdp(ConfigKey<Integer> port) {
        try {
            return new DatagramSocket(Integer.parseInt(port.defaultValue()));
        } catch (SocketException taken) {
            return null;
        }
    }

    @Test
    void refusesToStartARunTheDiskCannotHold() throws IOException {
        // Eleven days of 10,000 cameras: petabytes, more than any disk this runs on.
        Path work = dir.resolve("work");
        ArgusCliTest.Run r = ArgusCliTest.run(Map.of(), "bench", "record", "--cameras", "10000", "--warmup", "0",
                "--duration", "1000000", "--work-dir", work.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).containsPattern("needs about [0-9.]+ PB").containsPattern("[0-9.]+ [KMGT]?B free")
                .contains(work.toString()).doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("starting simulator");
        assertThat(work).doesNotExist();
    }

    /**
     * The bench as its own process, in the temporary folder named by {@code TMPDIR}, signalled while it warms
     * up: its shutdown hook stops the simulator and the server, then deletes what they recorded; the server
     * recorded in the run folder, whatever {@code ARGUS_*} variables the bench was started with.
     */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsTheChildProcessesAndDeletesTheRecordings(String signal) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path output = dir.resolve("bench.out");
        // env --default-signal: a JVM leaves SIGINT alone when it starts with SIGINT ignored, as a background
        // job of a non-interactive shell does (and this test's JVM may be one); Ctrl-C at a terminal is not.
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ArgusCli.class.getName(), "bench", "record",
                "--cameras", "2", "--warmup", "600", "--ffmpeg", "0", "--server-heap", "256m")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("TMPDIR", tmp.toString());
        // An operator's own server settings must not reach the bench's server and take its recordings elsewhere.
        Path elsewhere = dir.resolve("elsewhere");
        pb.environment().put("ARGUS_RECORDING_DIR", elsewhere.toString());
        Process bench = pb.start();
        try {
            Await.until(Duration.ofSeconds(300), Duration.ofMillis(100),
                    () -> read(output).contains("warming up") || !bench.isAlive(), "the bench warming up");
            assertThat(bench.isAlive()).as(read(output)).isTrue();
            Path run = onlyRunFolder(tmp);
            Path recordings = run.resolve("data/server/recordings");
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> notEmpty(recordings),
                    "the server recording in the run folder");
            List<ProcessHandle> children = bench.toHandle().descendants().toList();
            assertThat(children).as("simulator and server").hasSizeGreaterThanOrEqualTo(2);

            assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(bench.pid())).start().waitFor())
                    .isZero();
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as(read(output)).isTrue();
            assertThat(children).as("child processes stopped").noneMatch(ProcessHandle::isAlive);
            assertOnlyLogsIn(run);
            assertThat(elsewhere).doesNotExist();
            assertThat(read(output)).contains("logs: " + run).containsPattern(DELETED);
        } finally {
            List<ProcessHandle> left = bench.toHandle().descendants().toList();
            bench.destroy();
            if (!bench.waitFor(60, TimeUnit.SECONDS)) {
                bench.destroyForcibly().waitFor();
            }
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static ArgusCliTest.Run bench(String command, String... args) {
        return ArgusCliTest.run(Map.of(), Stream.of(Stream.of("bench", command), TINY.stream(), Stream.of(args))
                .flatMap(s -> s).toArray(String[]::new));
    }

    /** The recordings that show what a run deletes or keeps are ffmpeg's (the server's: see issue 14). */
    private static void assumeFfmpeg() {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "ffmpeg"))), "ffmpeg not installed");
    }

    /** The one folder the bench made under {@code parent}. */
    private static Path onlyRunFolder(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> all = entries.toList();
            assertThat(all).hasSize(1);
            assertThat(all.get(0)).isDirectory();
            assertThat(all.get(0).getFileName().toString()).startsWith("argus-bench-");
            return all.get(0);
        }
    }

    private static void assertOnlyLogsIn(Path run) throws IOException {
        try (Stream<Path> entries = Files.list(run)) {
            assertThat(entries.toList()).as("what the run left behind").isNotEmpty()
                    .allMatch(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".log"));
        }
    }

    private static boolean notEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
