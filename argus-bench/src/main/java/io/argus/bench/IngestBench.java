package io.argus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.ArgusClient;
import java.io.IOException;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code argus bench ingest}: N simulated cameras in one child JVM, the server in another, cameras added
 * through the REST API, then the server process measured at steady state.
 */
public final class IngestBench {

    /**
     * @param mainClass       the CLI main class that understands {@code server} and {@code sim}
     * @param serverJvmArgs   JVM flags for the server process (heap size, GC)
     * @param record          whether the cameras are recorded (continuous) or only ingested (recording off)
     * @param ffmpegRecorders with {@code record}: how many {@code ffmpeg -c copy -f segment} recorders to run on the
     *                        same sources afterwards for comparison (0: none)
     * @param floorCameras    with {@code record}: how many cameras the {@link FloorRecorder} records afterwards
     *                        for comparison (0: none)
     * @param jfr             where to write a flight recording of the server over the measurement window, or null
     */
    public record Config(int cameras, String codec, int fps, Duration warmup, Duration measure, String mainClass,
                         List<String> serverJvmArgs, boolean record, int ffmpegRecorders, int floorCameras,
                         Path jfr) {
        /** Without the floor. */
        public Config(int cameras, String codec, int fps, Duration warmup, Duration measure, String mainClass,
                      List<String> serverJvmArgs, boolean record, int ffmpegRecorders) {
            this(cameras, codec, fps, warmup, measure, mainClass, serverJvmArgs, record, ffmpegRecorders, 0, null);
        }

        public Config {
            if (cameras < 1 || cameras > 10_000) {
                throw new IllegalArgumentException("cameras must be 1..10000: " + cameras);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be 1..120: " + fps);
            }
            if (warmup.isNegative() || measure.isNegative()) {
                throw new IllegalArgumentException("warm-up and duration must not be negative");
            }
            serverJvmArgs = List.copyOf(serverJvmArgs);
        }
    }

    /**
     * What one run measured. Memory figures are per camera above the idle server's baseline.
     *
     * @param threads      the server's CPU over the window by thread group, user and kernel time apart
     * @param gcCount      the server's garbage collections in the window
     * @param gcMillis     the time they took (the collectors' accumulated collection time)
     */
    public record Result(int cameras, int live, double serverCores, double serverCpuPercentOfMachine,
                         double serverCpuPercentOfCorePerCamera, double simCores, long heapPerCameraBytes,
                         long directPerCameraBytes, long rssPerCameraBytes, long gopCachePerCameraBytes,
                         long framesReceived,
                         long framesExpected, long packetsLost, long framesDropped, long latencyP50Micros,
                         long latencyP99Micros, long latencySamples, ThreadCpu.Breakdown threads, long gcCount,
                         long gcMillis, double windowSeconds, Recording recording) {

        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "cameras              %d (%d live)%n", cameras, live);
            out.printf(Locale.ROOT, "server CPU           %.1f %% of the machine (%d cores), %.3f %% of a core per camera%n",
                    serverCpuPercentOfMachine, Runtime.getRuntime().availableProcessors(),
                    serverCpuPercentOfCorePerCamera);
            threads.print(out, cameras);
            out.printf(Locale.ROOT, "server GC            %d collections, %d ms in the %.0f s window (GC threads %.3f %% "
                    + "of a core per camera)%n", gcCount, gcMillis, windowSeconds,
                    100 * threads.total(ThreadCpu.Group.GC) / cameras);
            out.printf(Locale.ROOT, "simulator CPU        %.2f cores (a separate process, not counted above)%n", simCores);
            out.printf(Locale.ROOT, "memory per camera    heap %s, direct %s, RSS %s (of which GOP cache payload %s)%n",
                    kb(heapPerCameraBytes), kb(directPerCameraBytes), kb(rssPerCameraBytes),
                    kb(gopCachePerCameraBytes));
            out.printf(Locale.ROOT, "frames               %d received of %d sent in the window; %d packets lost, "
                    + "%d frames dropped%n", framesReceived, framesExpected, packetsLost, framesDropped);
            out.printf(Locale.ROOT, "latency source→hub   p50 %.2f ms, p99 %.2f ms (%d frames, from the SEI capture times)%n",
                    latencyP50Micros / 1000.0, latencyP99Micros / 1000.0, latencySamples);
            if (recording != null) {
                recording.print(out, serverCpuPercentOfCorePerCamera, cameras);
            }
        }

        private static String kb(long bytes) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
    }

    /**
     * What recording wrote, and the floor's and the ffmpeg recorders' cost on the same sources.
     *
     * @param ffmpegRecorders how many ran (0 when ffmpeg is missing or none were asked for)
     * @param floor           the floor recorder's run, or null when none was asked for
     */
    public record Recording(double writeBytesPerSecond, long framesDropped, int ffmpegRecorders,
                            double ffmpegCpuPercentOfCorePerCamera, long ffmpegRssPerCameraBytes, FloorRun floor) {
        void print(PrintWriter out, double serverPerCamera, int cameras) {
            out.printf(Locale.ROOT, "recording            %.1f MB/s written (%.0f KB/s per camera), %d frames not recorded%n",
                    writeBytesPerSecond / 1e6, writeBytesPerSecond / 1e3 / cameras, framesDropped);
            if (floor != null) {
                floor.print(out);
            }
            if (ffmpegRecorders > 0) {
                out.printf(Locale.ROOT, "ffmpeg -c copy       %d recorders: %.3f %% of a core and %.1f MB resident per camera "
                        + "(%.1fx the server's CPU per camera)%n", ffmpegRecorders, ffmpegCpuPercentOfCorePerCamera,
                        ffmpegRssPerCameraBytes / 1e6, serverPerCamera > 0
                                ? ffmpegCpuPercentOfCorePerCamera / serverPerCamera : 0);
            }
            StringBuilder ratios = new StringBuilder();
            if (floor != null) {
                ratios.append("Argus/floor ").append(ratio(serverPerCamera, floor.cpuPercentOfCorePerCamera()));
            }
            if (ffmpegRecorders > 0) {
                ratios.append(ratios.isEmpty() ? "" : ", ").append("Argus/ffmpeg ")
                        .append(ratio(serverPerCamera, ffmpegCpuPercentOfCorePerCamera));
            }
            if (!ratios.isEmpty()) {
                out.printf(Locale.ROOT, "CPU per camera       %s%n", ratios);
            }
        }

        /**
         * {@code a / b}, or "n/a" when {@code b} measured no CPU at all (a window shorter than the kernel's
         * accounting tick), which would print as Infinity.
         */
        private static String ratio(double a, double b) {
            return b > 0 ? String.format(Locale.ROOT, "%.2f", a / b) : "n/a (no CPU measured)";
        }
    }

    private IngestBench() {
    }

    /** Runs the bench with {@code run}'s folder and processes; closing {@code run} is the caller's. */
    public static Result run(Config cfg, BenchRun run, PrintWriter log) throws Exception {
        int[] ports = freePorts(3);
        int simPort = ports[0];
        int httpPort = ports[1];
        int rtspPort = ports[2];
        String password = "bench-" + Long.toHexString(System.nanoTime());
        log.printf("starting simulator (%d %s cameras at %d fps on port %d) and server (HTTP %d)%n",
                cfg.cameras(), cfg.codec(), cfg.fps(), simPort, httpPort);
        try (ChildJvm sim = ChildJvm.start(run, "sim", cfg.mainClass(), List.of("-Xmx2g"),
                List.of("sim", "--cameras", Integer.toString(cfg.cameras()), "--port", Integer.toString(simPort),
                        "--codec", cfg.codec(), "--fps", Integer.toString(cfg.fps())),
                Map.of(), line -> line.contains("simulator ready"));
             ChildJvm server = ChildJvm.start(run, "server", cfg.mainClass(), cfg.serverJvmArgs(),
                List.of("server", "--data-dir", run.dataDir("server").toString(),
                        "--http-port", Integer.toString(httpPort), "--rtsp-port", Integer.toString(rtspPort),
                        // Ingest and recording alone: analytics would decode every moving test card, and the
                        // other ingest protocols and WebRTC would only hold ports.
                        "--set", "rtmp.enabled=false", "--set", "srt.enabled=false", "--set", "webrtc.enabled=false",
                        "--set", "analytics.enabled=false",
                        // Nothing plays RTSP over UDP here (cameras are pulled over TCP), and the fixed default
                        // ports 8000/8001 would keep the server from starting beside any other Argus on the machine
                        // (another bench, a developer's node): it exited, and the bench waited for its health.
                        "--set", "rtsp.rtpPort=0", "--set", "rtsp.rtcpPort=0"),
                // The simulator is on loopback, which the server refuses to pull cameras from unless allowed.
                Map.of("ARGUS_ADMIN_PASSWORD", password, "ARGUS_CAMERA_ALLOWED_ADDRESSES", "127.0.0.1/32"),
                line -> false)) {
            if (!sim.awaitReady(120)) {
                throw new IllegalStateException("simulator did not start; see " + run.log("sim.log"));
            }
            ArgusClient anonymous = ArgusClient.local(httpPort);
            awaitTrue(() -> {
                if (!server.isAlive()) {
                    throw new IllegalStateException("server exited before it was healthy; see "
                            + run.log("server.log"));
                }
                return anonymous.healthy();
            }, 120, "server health; see " + run.log("server.log"));
            ArgusClient api = anonymous.login("admin", password);
            JsonNode idle = api.nodeStats(true);
            ProcessSample idleProc = ProcessSample.of(server.pid());

            List<String> ids = addCameras(api, cfg, simPort);
            log.printf("added %d cameras; waiting for them to go live%n", cfg.cameras());
            awaitTrue(() -> liveCount(api) == cfg.cameras(), 300, "all cameras live");
            log.printf("all live; warming up for %d s%n", cfg.warmup().toSeconds());
            FlightRecording jfr = warmUp(cfg, server.pid());

            long written0 = cfg.record() ? recordedBytes(api, ids) : 0;
            long writtenAt0 = System.nanoTime();
            Totals before = Totals.of(api.cameras());
            api.resetNodeStats();
            JsonNode gc0 = api.nodeStats(false).path("gc");
            ProcessSample s0 = ProcessSample.of(server.pid());
            ThreadCpu t0 = ThreadCpu.of(server.pid());
            ProcessSample sim0 = ProcessSample.of(sim.pid());
            log.printf("measuring for %d s%n", cfg.measure().toSeconds());
            Thread.sleep(cfg.measure().toMillis());
            ProcessSample s1 = ProcessSample.of(server.pid());
            ThreadCpu t1 = ThreadCpu.of(server.pid());
            ProcessSample sim1 = ProcessSample.of(sim.pid());
            JsonNode gc1 = api.nodeStats(false).path("gc");
            Totals after = Totals.of(api.cameras());
            if (jfr != null) {
                jfr.dump();
                log.printf("flight recording of the window: %s%n", cfg.jfr().toAbsolutePath());
            }
            Recording recording = cfg.record() ? recording(api, ids, written0, writtenAt0, cfg, run, simPort, log)
                    : null;
            JsonNode stats = api.nodeStats(false);
            JsonNode loaded = api.nodeStats(true);
            ProcessSample loadedProc = ProcessSample.of(server.pid());

            double cores = s1.coresSince(s0);
            int n = cfg.cameras();
            double seconds = (s1.atNanos() - s0.atNanos()) / 1e9;
            JsonNode lat = stats.path("ingestLatency");
            return new Result(n, after.live, cores, 100 * cores / Runtime.getRuntime().availableProcessors(),
                    100 * cores / n, sim1.coresSince(sim0),
                    perCamera(loaded.path("heapUsedBytes").asLong() - idle.path("heapUsedBytes").asLong(), n),
                    perCamera(loaded.path("directMemoryBytes").asLong() - idle.path("directMemoryBytes").asLong(), n),
                    perCamera(loadedProc.rssBytes() - idleProc.rssBytes(), n),
                    perCamera(loaded.path("gopCacheBytes").asLong(), n),
                    after.frames - before.frames, Math.round(seconds * cfg.fps() * n),
                    after.packetsLost - before.packetsLost, after.framesDropped - before.framesDropped,
                    lat.path("p50Micros").asLong(-1), lat.path("p99Micros").asLong(-1), lat.path("count").asLong(),
                    t1.since(t0), gc1.path("collections").asLong() - gc0.path("collections").asLong(),
                    gc1.path("millis").asLong() - gc0.path("millis").asLong(), seconds, recording);
        }
    }

    /**
     * Sleeps through the warm-up. With a flight recording asked for, it starts {@link FlightRecording#SETTLE} before
     * the window (or at once with a shorter warm-up): starting one compiles JFR's own code for a few seconds, which
     * would otherwise count as the server's JIT time in the window.
     */
    private static FlightRecording warmUp(Config cfg, long serverPid) throws Exception {
        if (cfg.jfr() == null) {
            Thread.sleep(cfg.warmup().toMillis());
            return null;
        }
        Duration settle = cfg.warmup().compareTo(FlightRecording.SETTLE) < 0 ? cfg.warmup() : FlightRecording.SETTLE;
        Thread.sleep(cfg.warmup().minus(settle).toMillis());
        FlightRecording jfr = FlightRecording.start(serverPid, cfg.jfr());
        Thread.sleep(settle.toMillis());
        return jfr;
    }

    private static long perCamera(long total, int n) {
        return Math.max(0, total) / n;
    }

    /** Adds the cameras (recording off unless the bench records); returns their ids. */
    private static List<String> addCameras(ArgusClient api, Config cfg, int simPort) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 1; i <= cfg.cameras(); i++) {
            inFlight.acquire();
            all.add(api.addCameraAsync("bench-cam" + i, "rtsp://127.0.0.1:" + simPort + "/cam" + i, "tcp")
                    .thenCompose(cam -> {
                        String id = cam.get("id").asText();
                        return cfg.record() ? CompletableFuture.completedFuture(id)
                                : api.setRecordingAsync(id, "off").thenApply(r -> id);
                    })
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> f : all) {
            ids.add(f.get());
        }
        return ids;
    }

    private static long recordedBytes(ArgusClient api, List<String> ids) throws Exception {
        long sum = 0;
        for (String id : ids) {
            sum += api.recording(id).path("status").path("bytes").asLong();
        }
        return sum;
    }

    private static Recording recording(ArgusClient api, List<String> ids, long written0, long at0, Config cfg,
                                       BenchRun run, int simPort, PrintWriter log) throws Exception {
        long written1 = recordedBytes(api, ids);
        double rate = (written1 - written0) / ((System.nanoTime() - at0) / 1e9);
        long dropped = 0;
        for (String id : ids) {
            dropped += api.recording(id).path("status").path("framesDropped").asLong();
        }
        String urlPrefix = "rtsp://127.0.0.1:" + simPort + "/cam";
        int floorCameras = Math.min(cfg.floorCameras(), cfg.cameras());
        FloorRun floor = floorCameras == 0 ? null
                : FloorRun.measure(run, urlPrefix, floorCameras, cfg.warmup(), cfg.measure(), log);
        int k = Math.min(cfg.ffmpegRecorders(), cfg.cameras());
        if (k == 0 || !FfmpegRecorders.available()) {
            return new Recording(rate, dropped, 0, 0, 0, floor);
        }
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            urls.add(urlPrefix + i);
        }
        log.printf("running %d ffmpeg recorders on the same sources for comparison%n", k);
        try (FfmpegRecorders ff = FfmpegRecorders.start(run, urls)) {
            Thread.sleep(cfg.warmup().toMillis());
            ProcessSample f0 = ff.sample();
            Thread.sleep(cfg.measure().toMillis());
            ProcessSample f1 = ff.sample();
            int alive = ff.alive();
            return new Recording(rate, dropped, alive, 100 * f1.coresSince(f0) / Math.max(1, alive),
                    f1.rssBytes() / Math.max(1, alive), floor);
        }
    }

    private static int liveCount(ArgusClient api) throws IOException, InterruptedException {
        return Totals.of(api.cameras()).live;
    }

    private record Totals(int live, long frames, long packetsLost, long framesDropped) {
        static Totals of(List<JsonNode> cameras) {
            int live = 0;
            long frames = 0;
            long lost = 0;
            long dropped = 0;
            for (JsonNode c : cameras) {
                JsonNode s = c.path("status");
                if ("live".equals(s.path("state").asText())) {
                    live++;
                }
                frames += s.path("frames").asLong();
                lost += s.path("packetsLost").asLong();
                dropped += s.path("framesDropped").asLong();
            }
            return new Totals(live, frames, lost, dropped);
        }
    }

    interface Check {
        boolean test() throws Exception;
    }

    private static void awaitTrue(Check check, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.test()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** {@code n} different free ports: the sockets are held until all are chosen, so no port comes twice. */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] held = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                held[i] = new ServerSocket(0);
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
