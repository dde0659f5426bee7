package io.argus.bench;

import io.argus.client.ArgusClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of real {@code argus server} processes (one child JVM each) on one PostgreSQL and one Kafka, with one
 * simulator process feeding M cameras. The cameras are added through the first node before the others start (the
 * shared database gives them to every node); a node can be killed ({@code kill -9}), stopped (SIGTERM) and started
 * again on its data directory and ports.
 */
public final class ArgusCluster implements AutoCloseable {
    /**
     * @param nodes          how many nodes
     * @param cameras        how many simulated cameras, all recorded continuously
     * @param shards         {@code cluster.shards} (the {@code argus.shards} topic gets that many partitions)
     * @param capacity       {@code cluster.capacity} of each node
     * @param kafka          bootstrap servers
     * @param metadataUrl    a {@code jdbc:postgresql:} URL of an empty database (or one this cluster used)
     * @param chunkDuration  {@code recording.chunkDuration}: short, so recordings are indexed soon after they end
     * @param mainClass      the CLI main class that understands {@code server} and {@code sim}
     */
    public record Spec(int nodes, int cameras, int shards, int capacity, String kafka, String metadataUrl,
                       String metadataUser, String metadataPassword, Duration chunkDuration, String mainClass,
                       List<String> nodeJvmArgs) {
        public Spec {
            if (nodes < 2 || cameras < 1 || shards < 1 || capacity < 1) {
                throw new IllegalArgumentException("needs at least 2 nodes, 1 camera, 1 shard and capacity 1");
            }
            nodeJvmArgs = List.copyOf(nodeJvmArgs);
        }
    }

    /** A node's JVM options: {@code heap} as -Xmx; the serial collector, as a small node needs no more. */
    public static List<String> nodeJvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-XX:+IgnoreUnrecognizedVMOptions", "--sun-misc-unsafe-memory-access=allow");
    }

    /** A node's fixed name, ports and data directory, and its current process (null while it is down). */
    public static final class Node {
        private final String name;
        private final int httpPort;
        private final List<String> args;
        private ChildJvm process;
        private int starts;
        private String logName;
        private ArgusClient api;

        Node(String name, int httpPort, List<String> args) {
            this.name = name;
            this.httpPort = httpPort;
            this.args = args;
        }

        public String name() {
            return name;
        }

        public boolean up() {
            return process != null && process.isAlive();
        }

        /** The admin client of this node, logged in each time it comes up. */
        public ArgusClient api() {
            return api;
        }
    }

    private static final Duration START_WAIT = Duration.ofSeconds(180);
    private static final int START_TRIES = 3;

    private final Spec spec;
    private final BenchRun run;
    private final PrintWriter log;
    private final String password = "bench-" + Long.toHexString(System.nanoTime());
    private final Map<String, String> env;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final int simPort;
    private ChildJvm sim;
    private final List<String> cameraIds = new ArrayList<>();

    /** The nodes' shared {@code cluster.secret} (node-to-node relays): fresh for each cluster the bench starts. */
    private static String clusterSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    private ArgusCluster(Spec spec, BenchRun run, PrintWriter log) throws IOException {
        this.spec = spec;
        this.run = run;
        this.log = log;
        this.simPort = freePort();
        this.env = Map.of("ARGUS_ADMIN_PASSWORD", password, "ARGUS_CLUSTER_SECRET", clusterSecret(),
                // The simulator is on loopback, which a node refuses to pull cameras from unless allowed.
                "ARGUS_CAMERA_ALLOWED_ADDRESSES", "127.0.0.1/32",
                "ARGUS_METADATA_URL", spec.metadataUrl(), "ARGUS_METADATA_USER", spec.metadataUser(),
                "ARGUS_METADATA_PASSWORD", spec.metadataPassword());
        for (int i = 1; i <= spec.nodes(); i++) {
            String name = "node-" + i;
            int http = freePort();
            nodes.put(name, new Node(name, http, List.of("server", "--data-dir", run.dataDir(name).toString(),
                    "--http-port", Integer.toString(http), "--rtsp-port", Integer.toString(freePort()),
                    // Ingest and recording alone, as argus bench ingest runs a node; RTSP over TCP only (the
                    // cameras are pulled over TCP), so the nodes need no UDP ports of their own.
                    "--set", "rtsp.rtpPort=0", "--set", "rtsp.rtcpPort=0",
                    "--set", "rtmp.enabled=false", "--set", "srt.enabled=false", "--set", "webrtc.enabled=false",
                    "--set", "analytics.enabled=false",
                    "--set", "recording.chunkDuration=" + spec.chunkDuration().toSeconds() + "s",
                    "--set", "cluster.kafka=" + spec.kafka(), "--set", "cluster.node=" + name,
                    "--set", "cluster.advertisedUrl=http://127.0.0.1:" + http,
                    "--set", "cluster.shards=" + spec.shards(), "--set", "cluster.capacity=" + spec.capacity())));
        }
    }

    /**
     * Starts the simulator and the first node, adds the cameras through it, then starts the other nodes one by
     * one; returns when every node is healthy. The processes end with {@code run}.
     */
    public static ArgusCluster start(Spec spec, BenchRun run, PrintWriter log) throws Exception {
        ArgusCluster c = new ArgusCluster(spec, run, log);
        c.sim = ChildJvm.start(run, "sim", spec.mainClass(), List.of("-Xmx512m"),
                List.of("sim", "--cameras", Integer.toString(spec.cameras()), "--port", Integer.toString(c.simPort)),
                Map.of(), line -> line.contains("simulator ready"));
        if (!c.sim.awaitReady(START_WAIT.toSeconds())) {
            throw new IllegalStateException("simulator did not start; see " + run.log("sim.log"));
        }
        List<Node> all = List.copyOf(c.nodes.values());
        c.startHealthy(all.get(0));
        c.addCameras(all.get(0).api());
        // One after another: nodes starting together on a loaded machine have had Kafka's admin calls time out.
        for (Node n : all.subList(1, all.size())) {
            c.startHealthy(n);
        }
        log.printf("%d nodes up, %d cameras added%n", all.size(), c.cameraIds.size());
        log.flush();
        return c;
    }

    public Spec spec() {
        return spec;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    public List<Node> upNodes() {
        return nodes.values().stream().filter(Node::up).toList();
    }

    public List<String> cameraIds() {
        return List.copyOf(cameraIds);
    }

    /** {@code kill -9} of the node's JVM; returns when it is gone. */
    public void kill(Node n) throws InterruptedException {
        int status = n.process.kill();
        log.printf("%s killed (exit %d)%n", n.name(), status);
        n.process = null;
    }

    /** SIGTERM: the node hands its shards over and stops; returns when its JVM has ended. */
    public void terminate(Node n) throws InterruptedException {
        int status = n.process.terminate();
        log.printf("%s stopped by SIGTERM (exit %d)%n", n.name(), status);
        n.process = null;
    }

    /** Starts a node that is down again, on its data directory and ports, and waits for it to be healthy. */
    public void restart(Node n) throws Exception {
        startHealthy(n);
    }

    /**
     * Starts a node and waits for it to be healthy, starting it again (up to {@link #START_TRIES} times in all)
     * when it exits first: on a starved machine a node's first calls to Kafka can time out, and it stops.
     */
    private void startHealthy(Node n) throws Exception {
        for (int attempt = 1; ; attempt++) {
            startNode(n);
            try {
                awaitHealthy(n);
                return;
            } catch (IllegalStateException e) {
                if (n.up() || attempt == START_TRIES) {
                    throw e;
                }
                log.printf("%s exited while starting (attempt %d of %d), starting it again: %s%n", n.name(),
                        attempt, START_TRIES, e.getMessage().lines().reduce((a, b) -> b).orElse(""));
                log.flush();
            }
        }
    }

    private void startNode(Node n) throws IOException {
        n.starts++;
        n.logName = n.starts == 1 ? n.name() : n.name() + "-" + n.starts;
        n.process = ChildJvm.start(run, n.logName, spec.mainClass(), spec.nodeJvmArgs(), n.args, env, line -> false);
    }

    private void awaitHealthy(Node n) throws Exception {
        ArgusClient anonymous = ArgusClient.local(n.httpPort);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!anonymous.healthy()) {
            if (!n.up() || System.nanoTime() > deadline) {
                throw new IllegalStateException(n.name() + " did not become healthy; the end of "
                        + run.log(n.logName + ".log") + ":\n" + tail(run.log(n.logName + ".log")));
            }
            Thread.sleep(100);
        }
        n.api = anonymous.login("admin", password);
    }

    private void addCameras(ArgusClient api) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 1; i <= spec.cameras(); i++) {
            inFlight.acquire();
            all.add(api.addCameraAsync("cam" + i, "rtsp://127.0.0.1:" + simPort + "/cam" + i, "tcp")
                    .thenApply(c -> c.get("id").asText()).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        for (CompletableFuture<String> f : all) {
            cameraIds.add(f.get());
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the nodes (SIGTERM) and the simulator; the run's end would, this says when. */
    @Override
    public void close() throws InterruptedException {
        for (Node n : nodes.values()) {
            if (n.process != null) {
                n.process.close();
                n.process = null;
            }
        }
        if (sim != null) {
            sim.close();
        }
    }
}
