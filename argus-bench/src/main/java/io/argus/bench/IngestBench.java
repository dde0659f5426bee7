package io.argus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * @param mainClass the CLI main class that understands {@code server} and {@code sim}
     * @param serverJvmArgs JVM flags for the server process (heap size, GC)
     */
    public record Config(int cameras, String codec, int fps, Duration warmup, Duration measure, String mainClass,
                         List<String> serverJvmArgs, Path workDir) {
        public Config {
            if (cameras < 1 || cameras > 10_000) {
                throw new IllegalArgumentException("cameras must be 1..10000: " + cameras);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be 1..120: " + fps);
            }
            serverJvmArgs = List.copyOf(serverJvmArgs);
        }
    }

    /** What one run measured. Memory figures are per camera above the idle server's baseline. */
    public record Result(int cameras, int live, double serverCores, double serverCpuPercentOfMachine,
                         double serverCpuPercentOfCorePerCamera, double simCores, long heapPerCameraBytes,
                         long directPerCameraBytes, long rssPerCameraBytes, long gopCachePerCameraBytes,
                         long framesReceived,
                         long framesExpected, long packetsLost, long framesDropped, long latencyP50Micros,
                         long latencyP99Micros, long latencySamples) {

        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "cameras              %d (%d live)%n", cameras, live);
            out.printf(Locale.ROOT, "server CPU           %.1f %% of the machine (%d cores), %.3f %% of a core per camera%n",
                    serverCpuPercentOfMachine, Runtime.getRuntime().availableProcessors(),
                    serverCpuPercentOfCorePerCamera);
            out.printf(Locale.ROOT, "simulator CPU        %.2f cores (a separate process, not counted above)%n", simCores);
            out.printf(Locale.ROOT, "memory per camera    heap %s, direct %s, RSS %s (of which GOP cache payload %s)%n",
                    kb(heapPerCameraBytes), kb(directPerCameraBytes), kb(rssPerCameraBytes),
                    kb(gopCachePerCameraBytes));
            out.printf(Locale.ROOT, "frames               %d received of %d sent in the window; %d packets lost, "
                    + "%d frames dropped%n", framesReceived, framesExpected, packetsLost, framesDropped);
            out.printf(Locale.ROOT, "latency source→hub   p50 %.2f ms, p99 %.2f ms (%d frames, from the SEI capture times)%n",
                    latencyP50Micros / 1000.0, latencyP99Micros / 1000.0, latencySamples);
        }

        private static String kb(long bytes) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
    }

    private IngestBench() {
    }

    public static Result run(Config cfg, PrintWriter log) throws Exception {
        Files.createDirectories(cfg.workDir());
        int simPort = freePort();
        int httpPort = freePort();
        int rtspPort = freePort();
        String password = "bench-" + Long.toHexString(System.nanoTime());
        log.printf("starting simulator (%d %s cameras at %d fps on port %d) and server (HTTP %d)%n",
                cfg.cameras(), cfg.codec(), cfg.fps(), simPort, httpPort);
        try (ChildJvm sim = ChildJvm.start("sim", cfg.mainClass(), List.of("-Xmx2g"),
                List.of("sim", "--cameras", Integer.toString(cfg.cameras()), "--port", Integer.toString(simPort),
                        "--codec", cfg.codec(), "--fps", Integer.toString(cfg.fps())),
                Map.of(), cfg.workDir().resolve("sim.log"), line -> line.contains("simulator ready"));
             ChildJvm server = ChildJvm.start("server", cfg.mainClass(), cfg.serverJvmArgs(),
                List.of("server", "--data-dir", cfg.workDir().resolve("data").toString(),
                        "--http-port", Integer.toString(httpPort), "--rtsp-port", Integer.toString(rtspPort)),
                Map.of("ARGUS_ADMIN_PASSWORD", password), cfg.workDir().resolve("server.log"), line -> false)) {
            if (!sim.awaitReady(120)) {
                throw new IllegalStateException("simulator did not start; see " + cfg.workDir().resolve("sim.log"));
            }
            ArgusApiClient api = new ArgusApiClient(httpPort);
            awaitTrue(api::healthy, 120, "server health; see " + cfg.workDir().resolve("server.log"));
            api.login("admin", password);
            JsonNode idle = api.nodeStats(true);
            ProcessSample idleProc = ProcessSample.of(server.pid());

            addCameras(api, cfg, simPort);
            log.printf("added %d cameras; waiting for them to go live%n", cfg.cameras());
            awaitTrue(() -> liveCount(api) == cfg.cameras(), 300, "all cameras live");
            log.printf("all live; warming up for %d s%n", cfg.warmup().toSeconds());
            Thread.sleep(cfg.warmup().toMillis());

            Totals before = Totals.of(api.cameras());
            api.resetNodeStats();
            ProcessSample s0 = ProcessSample.of(server.pid());
            ProcessSample sim0 = ProcessSample.of(sim.pid());
            log.printf("measuring for %d s%n", cfg.measure().toSeconds());
            Thread.sleep(cfg.measure().toMillis());
            ProcessSample s1 = ProcessSample.of(server.pid());
            ProcessSample sim1 = ProcessSample.of(sim.pid());
            Totals after = Totals.of(api.cameras());
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
                    lat.path("p50Micros").asLong(-1), lat.path("p99Micros").asLong(-1), lat.path("count").asLong());
        }
    }

    private static long perCamera(long total, int n) {
        return Math.max(0, total) / n;
    }

    private static void addCameras(ArgusApiClient api, Config cfg, int simPort) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<JsonNode>> all = new ArrayList<>();
        for (int i = 1; i <= cfg.cameras(); i++) {
            inFlight.acquire();
            all.add(api.addCameraAsync("bench-cam" + i, "rtsp://127.0.0.1:" + simPort + "/cam" + i, "tcp")
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    }

    private static int liveCount(ArgusApiClient api) throws IOException, InterruptedException {
        return Totals.of(api.cameras()).live;
    }

    private record Totals(int live, long frames, long packetsLost, long framesDropped) {
        static Totals of(JsonNode cameras) {
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
