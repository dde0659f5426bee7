package io.argus.server.cli;

import io.argus.bench.BenchRun;
import io.argus.bench.DiskEstimate;
import io.argus.bench.IngestBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus bench}: load benchmarks that run the real server and simulator as separate processes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load benchmarks against a real server process.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Record.class, FailoverBenchCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code argus bench ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest N simulated cameras into a server process over RTSP/TCP and report the server's "
                    + "CPU and memory per camera, frames lost and source-to-hub latency at steady state.")
    static class Ingest implements Callable<Integer> {
        @Option(names = "--cameras", defaultValue = "100", description = "Cameras (default ${DEFAULT-VALUE}).")
        int cameras;

        @Option(names = "--codec", defaultValue = "h264", description = "h264 or h265 (default ${DEFAULT-VALUE}).")
        String codec;

        @Option(names = "--fps", defaultValue = "25", description = "Frames per second (default ${DEFAULT-VALUE}).")
        int fps;

        @Option(names = "--warmup", defaultValue = "15", description = "Seconds before measuring (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--duration", defaultValue = "30", description = "Seconds measured (default ${DEFAULT-VALUE}).")
        int duration;

        /** The server's direct memory limit per camera: twice what a recorded camera was measured to hold. */
        static final int DIRECT_MIB_PER_CAMERA = 4;

        @Option(names = "--server-heap", defaultValue = "1g", description = "Server -Xmx (default ${DEFAULT-VALUE}).")
        String heap;

        @Option(names = "--work-dir", description = "Folder to make the run's folder (argus-bench-<n>) in "
                + "(default: $TMPDIR, else java.io.tmpdir).")
        Path workDir;

        @Option(names = "--keep", description = "Keep the recordings and the server's data when the run ends "
                + "(deleted otherwise; the logs are always kept).")
        boolean keep;

        @Option(names = "--server-jvm-opt", description = "Extra JVM option for the server process (repeatable), "
                + "e.g. -Dargus.transport=nio.")
        List<String> serverJvmOpts = new ArrayList<>();

        @Option(names = "--jfr", paramLabel = "FILE", description = "Write a JDK Flight Recording of the server over "
                + "the measurement window to FILE (execution, CPU-time and allocation samples; "
                + "scripts/flamegraph.py draws it).")
        Path jfr;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            IngestBench.Config cfg = new IngestBench.Config(cameras, codec, fps, Duration.ofSeconds(warmup),
                    Duration.ofSeconds(duration), ArgusCli.class.getName(), serverJvm(), record(), ffmpegRecorders(),
                    floorCameras(), jfr);
            // Closing the run stops its processes, prints where the logs are and deletes the rest (unless kept).
            try (BenchRun run = BenchRun.open(workDir != null ? workDir : BenchRun.defaultParent(),
                    DiskEstimate.of(cfg), keep, out)) {
                IngestBench.Result r = IngestBench.run(cfg, run, out);
                out.println();
                r.print(out);
                out.flush();
            }
            return 0;
        }

        boolean record() {
            return false;
        }

        int ffmpegRecorders() {
            return 0;
        }

        int floorCameras() {
            return 0;
        }

        private List<String> serverJvm() {
            // A fixed, pre-touched heap: the RSS growth per camera is then direct and native memory, not heap
            // the collector chose to commit.
            // Direct memory holds the received video (GOP caches, recorders' open fragments): about 2 MB per
            // recorded 2 Mbit/s camera, more than the JVM's default limit (the heap size) at a few hundred cameras.
            List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                    "-XX:MaxDirectMemorySize=" + Math.max(1024, cameras * DIRECT_MIB_PER_CAMERA) + "m", "-XX:+UseG1GC",
                    "-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow"));
            jvm.addAll(serverJvmOpts);
            return jvm;
        }
    }

    /** {@code argus bench record}: as ingest, with every camera recorded, compared with ffmpeg recorders. */
    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Ingest and record N simulated cameras (continuous, to the server's data dir) and report "
                    + "the server's CPU and memory per camera and write throughput; then run the floor (a minimal "
                    + "Java NIO recorder of the raw bytes) and ffmpeg -c copy -f segment recorders on the same "
                    + "sources and report the server's cost as ratios of theirs.")
    static final class Record extends Ingest {
        @Option(names = "--ffmpeg", defaultValue = "50", description = "ffmpeg recorders to compare with "
                + "(default ${DEFAULT-VALUE}, at most N; 0 to skip).")
        int ffmpeg;

        @Option(names = "--floor", description = "Cameras the floor recorder records to compare with (default: "
                + "all N; 0 to skip).")
        Integer floor;

        @Override
        int floorCameras() {
            return floor == null ? cameras : floor;
        }

        @Override
        boolean record() {
            return true;
        }

        @Override
        int ffmpegRecorders() {
            return ffmpeg;
        }
    }
}
