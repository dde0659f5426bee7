package io.argus.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the {@link FloorRecorder} as a child JVM on the first N simulated cameras and measures it from
 * {@code /proc} like the server: warm-up, then a window.
 *
 * @param cameras                   cameras it played (0 when none were asked for)
 * @param cpuPercentOfCorePerCamera its CPU over the window, % of one core per camera
 * @param rssPerCameraBytes         its resident memory at the end of the window, per camera
 * @param writeBytesPerSecond       what it wrote over the window, all cameras
 */
public record FloorRun(int cameras, double cpuPercentOfCorePerCamera, long rssPerCameraBytes,
                       double writeBytesPerSecond) {

    /**
     * A small heap and the serial collector: the floor allocates almost nothing, and a JVM's parallel GC threads
     * would be cost that is not the receiving's.
     */
    private static final List<String> JVM = List.of("-Xmx128m", "-XX:+UseSerialGC");

    static FloorRun measure(BenchRun run, String urlPrefix, int cameras, Duration warmup,
                            Duration window, PrintWriter log) throws Exception {
        Path dir = run.dataDir("floor");
        log.printf("running the floor (one Java NIO thread, raw bytes to files) on %d cameras%n", cameras);
        log.flush();
        try (ChildJvm floor = ChildJvm.start(run, "floor", FloorRecorder.class.getName(), JVM,
                List.of(dir.toString(), urlPrefix, Integer.toString(cameras)), Map.of(),
                line -> line.startsWith(FloorRecorder.READY_LINE))) {
            if (!floor.awaitReady(120)) {
                throw new IllegalStateException("the floor recorder did not start; see " + run.log("floor.log"));
            }
            Thread.sleep(warmup.toMillis());
            ProcessSample s0 = ProcessSample.of(floor.pid());
            long bytes0 = FolderTree.size(dir);
            Thread.sleep(window.toMillis());
            ProcessSample s1 = ProcessSample.of(floor.pid());
            long bytes1 = FolderTree.size(dir);
            return new FloorRun(cameras, 100 * s1.coresSince(s0) / cameras, s1.rssBytes() / cameras,
                    (bytes1 - bytes0) / ((s1.atNanos() - s0.atNanos()) / 1e9));
        }
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "floor (Java NIO)     %d cameras: %.3f %% of a core and %.1f MB resident per camera, "
                + "%.0f KB/s written per camera%n", cameras, cpuPercentOfCorePerCamera, rssPerCameraBytes / 1e6,
                writeBytesPerSecond / 1e3 / cameras);
    }
}
