package io.argus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.ArgusClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code argus bench failover}: a cluster of real nodes ({@link ArgusCluster}); each of K rounds kills one node with
 * {@code kill -9}, measures how long until every camera it ingested is live on a node that owns the camera's shard
 * ({@link CameraOwners}, what the API shows), starts it again and counts the cameras that change owner when it
 * rejoins; after the rounds one node is stopped with SIGTERM. Recording gaps come from each camera's
 * {@code /recordings} (the shared index), read once the chunks around the event are closed.
 */
public final class FailoverBench {
    /** How long ownership must stay unchanged to count as settled (a node adds its group members one by one). */
    static final Duration STABLE = Duration.ofSeconds(3);
    static final Duration WAIT = Duration.ofSeconds(120);
    /** How often the nodes are asked who ingests what while a failover runs. */
    static final long POLL_MILLIS = 50;

    /**
     * @param kills          rounds of kill -9 and restart, each of the next node in turn
     * @param sigterm        whether a SIGTERM round follows
     * @param brokerSettings the broker's group settings, printed with the result
     */
    public record Config(ArgusCluster.Spec cluster, int kills, boolean sigterm, Map<String, String> brokerSettings) {
    }

    /** One kill -9 (or SIGTERM) round. */
    public record Round(String node, String signal, int cameras, long failoverMillis, long maxGapMillis,
                        List<Long> gapMillis, int rejoinTook, long rejoinMoved) {
    }

    public record Result(List<Round> kills, Round sigterm, Map<String, String> brokerSettings, String cpu) {
        public List<Long> failovers() {
            return kills.stream().map(Round::failoverMillis).toList();
        }

        public long p50() {
            return percentile(failovers(), 50);
        }

        public long p99() {
            return percentile(failovers(), 99);
        }

        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "failover (kill -9 until every camera of the node is live on a node that owns "
                    + "its shard), ms: %s  p50 %d  p99 %d%n", failovers(), p50(), p99());
            int i = 1;
            for (Round r : kills) {
                out.printf(Locale.ROOT, "kill %d: %s had %d cameras, failover %d ms, recording gap max %d ms %s; "
                                + "rejoin: it took %d cameras, %d cameras changed owner%n", i++, r.node(),
                        r.cameras(), r.failoverMillis(), r.maxGapMillis(), r.gapMillis(), r.rejoinTook(),
                        r.rejoinMoved());
            }
            if (sigterm != null) {
                out.printf(Locale.ROOT, "SIGTERM: %s had %d cameras, hand-over %d ms, recording gap max %d ms %s%n",
                        sigterm.node(), sigterm.cameras(), sigterm.failoverMillis(), sigterm.maxGapMillis(),
                        sigterm.gapMillis());
            }
            out.println("broker settings: " + brokerSettings);
            out.println("CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible");
            out.flush();
        }
    }

    private FailoverBench() {
    }

    /** Runs the bench in {@code run}'s folder; the processes end with {@code run}. */
    public static Result run(Config cfg, BenchRun run, PrintWriter log) throws Exception {
        try (ArgusCluster cluster = ArgusCluster.start(cfg.cluster(), run, log)) {
            List<String> cameras = cluster.cameraIds();
            CameraOwners owners = awaitStable(cluster, o -> cluster.upNodes().stream()
                    .allMatch(n -> !o.camerasOf(n.name(), cameras).isEmpty()), "every node ingesting cameras");
            List<Round> kills = new ArrayList<>();
            for (int k = 0; k < cfg.kills(); k++) {
                ArgusCluster.Node victim = cluster.nodes().get(k % cluster.nodes().size());
                TakeOver t = kill(cluster, victim, owners, log);
                // Moves on rejoin count from the survivors' settled ownership, not from a moment of the take-over.
                CameraOwners afterKill = awaitStable(cluster, o -> true, "the survivors ingesting every camera");
                cluster.restart(victim);
                log.printf("%s restarted; waiting for ownership to settle%n", victim.name());
                owners = awaitStable(cluster, o -> !o.camerasOf(victim.name(), cameras).isEmpty(),
                        victim.name() + " ingesting cameras again");
                List<Long> gaps = gaps(cluster, t);
                Round r = new Round(victim.name(), "SIGKILL", t.cameras().size(), t.millis(), max(gaps), gaps,
                        owners.camerasOf(victim.name(), cameras).size(), owners.moved(afterKill, cameras));
                log.printf("kill %d: %s%n", k + 1, r);
                log.flush();
                kills.add(r);
            }
            Round sigterm = null;
            if (cfg.sigterm()) {
                ArgusCluster.Node victim = cluster.nodes().get(cluster.nodes().size() - 1);
                TakeOver t = handOver(cluster, victim, owners, log);
                List<Long> gaps = gaps(cluster, t);
                sigterm = new Round(victim.name(), "SIGTERM", t.cameras().size(), t.millis(), max(gaps), gaps, 0,
                        0);
                log.printf("SIGTERM: %s%n", sigterm);
            }
            return new Result(kills, sigterm, cfg.brokerSettings(), cpuModel());
        }
    }

    /** A node's cameras, taken over {@code millis} after the signal; the wall-clock times to read gaps between. */
    private record TakeOver(List<String> cameras, long millis, Instant at, Instant done) {
    }

    private static TakeOver kill(ArgusCluster cluster, ArgusCluster.Node victim, CameraOwners before, PrintWriter log)
            throws Exception {
        List<String> its = before.camerasOf(victim.name(), cluster.cameraIds());
        log.printf("kill -9 %s (%d cameras)%n", victim.name(), its.size());
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        cluster.kill(victim);
        long ms = awaitOwned(cluster.upNodes(), its, victim.name(), t0);
        return new TakeOver(its, ms, at, Instant.now());
    }

    private static TakeOver handOver(ArgusCluster cluster, ArgusCluster.Node victim, CameraOwners before,
                                  PrintWriter log) throws Exception {
        List<String> its = before.camerasOf(victim.name(), cluster.cameraIds());
        log.printf("SIGTERM %s (%d cameras)%n", victim.name(), its.size());
        List<ArgusCluster.Node> others = cluster.upNodes().stream().filter(n -> n != victim).toList();
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                cluster.terminate(victim);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long ms = awaitOwned(others, its, victim.name(), t0);
        stopped.get();
        return new TakeOver(its, ms, at, Instant.now());
    }

    /** Polls {@code nodes} until each camera has one owner among them other than {@code from}; ms since t0. */
    private static long awaitOwned(List<ArgusCluster.Node> nodes, List<String> cameras, String from, long t0)
            throws Exception {
        String seen = "";
        while (System.nanoTime() - t0 < WAIT.toNanos()) {
            CameraOwners o = CameraOwners.of(nodes);
            long at = System.nanoTime();
            if (cameras.stream().allMatch(c -> o.owner(c) != null && !from.equals(o.owner(c)))) {
                return (at - t0) / 1_000_000;
            }
            seen = o.seen();
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the cameras of " + from + " were not taken over in " + WAIT
                + "; the nodes showed " + seen);
    }

    /** Waits until every camera has one owner, {@code also} holds, and nothing changed for {@link #STABLE}. */
    private static CameraOwners awaitStable(ArgusCluster cluster, Predicate<CameraOwners> also, String what)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CameraOwners last = null;
        String seen = "";
        long since = 0;
        while (System.nanoTime() < deadline) {
            CameraOwners o = CameraOwners.of(cluster.upNodes());
            seen = o.seen();
            boolean ok = o.settled(cluster.cameraIds()) && also.test(o);
            if (!ok || !o.equals(last)) {
                last = ok ? o : null;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= STABLE.toNanos()) {
                return o;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("not settled in " + WAIT + ": " + what + "; the nodes showed " + seen);
    }

    /**
     * The recording gap of each camera of the round: the longest gap in its {@code /recordings} that overlaps the
     * time from the event to the end of the take-over (0 when none), read from a node that is up once every chunk
     * that ends by then has been closed and indexed.
     */
    private static List<Long> gaps(ArgusCluster cluster, TakeOver e) throws Exception {
        Duration chunk = cluster.spec().chunkDuration();
        Instant from = e.at().minus(chunk.multipliedBy(3));
        Instant to = e.done().plus(chunk.multipliedBy(2));
        while (Instant.now().isBefore(to.plus(chunk.multipliedBy(2)))) {
            Thread.sleep(100);
        }
        ArgusClient api = cluster.upNodes().get(0).api();
        List<Long> out = new ArrayList<>();
        for (String camera : e.cameras()) {
            JsonNode rec = api.get("/api/v1/cameras/" + camera + "/recordings?from=" + from + "&to=" + to).json();
            long longest = 0;
            for (JsonNode g : rec.path("gaps")) {
                Instant gf = Instant.parse(g.path("from").asText());
                Instant gt = Instant.parse(g.path("to").asText());
                if (gf.isBefore(e.done()) && gt.isAfter(e.at())) {
                    longest = Math.max(longest, Duration.between(gf, gt).toMillis());
                }
            }
            out.add(longest);
        }
        return out;
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Nearest rank. */
    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The CPU's model name from {@code /proc/cpuinfo}, for the record of where it was measured. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
