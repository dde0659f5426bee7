package io.argus.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.media.path.Path;
import io.argus.metadata.Database;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.sim.Simulator;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.sim.onvif.OnvifSimConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A node for a test class: an embedded server on free ports with its data in a fresh folder, a camera
 * simulator, an admin client, and the simulator's cameras added through the API and awaited live. What the
 * server tests used to write by hand, once:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestNode node = TestNode.withCameras(1).set("recording.chunkDuration", "2s");
 * ...
 * node.api().get("/api/v1/cameras/" + node.camera(0) + "/recording");
 * }</pre>
 *
 * Registered on a static field it is started before the class's first test and stopped after its last; on an
 * instance field, around every test (a fresh node each). The server and the simulators are closed in reverse
 * order, and the data folder is deleted.
 */
public final class TestNode implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** The admin password of every test node. */
    public static final String PASSWORD = "test-node-admin";
    private static final long LIVE_SECONDS = 30;

    private final int cameras;
    private final boolean addCameras;
    private final Map<String, String> config = new HashMap<>();
    private final List<Codec> extraSimulators = new ArrayList<>();
    private Codec codec = Codec.H264;
    private int fps = 25;
    private boolean small;
    /** Whether the first simulator's cameras send people walking (SimSample.H264_PEOPLE_576P25). */
    private boolean people;
    private boolean udp;
    private String transport = "tcp";
    private String namePrefix = "cam-";
    private Clock clock = Clock.systemUTC();
    /** Every node on PostgreSQL: {@code -Dargus.testNode.postgres=true} runs any node test on it. */
    private boolean postgres = Boolean.getBoolean("argus.testNode.postgres");
    private EmbeddedPostgres.Database database;
    private OnvifSimConfig onvif;

    private boolean perTest;
    private java.nio.file.Path dataDir;
    private final List<Simulator> sims = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private ArgusServer server;
    private ArgusClient api;
    private final List<String> cameraIds = new ArrayList<>();

    private TestNode(int cameras, boolean addCameras) {
        this.cameras = cameras;
        this.addCameras = addCameras;
        config.put("admin.password", PASSWORD);
    }

    /** A node with {@code n} simulated 1080p H.264 cameras at 25 fps, added over TCP (0: no simulator). */
    public static TestNode withCameras(int n) {
        return new TestNode(n, true);
    }

    /** A node and a simulator of {@code n} cameras that the tests add themselves ({@link #url}, {@link #addCamera}). */
    public static TestNode withSimulator(int n) {
        return new TestNode(n, false);
    }

    /** A node alone: no simulator, no cameras. */
    public static TestNode bare() {
        return new TestNode(0, false);
    }

    /** A configuration value of the node ({@code --set key=value}). */
    public TestNode set(String key, String value) {
        config.put(key, value);
        return this;
    }

    public TestNode codec(Codec c, int framesPerSecond) {
        this.codec = c;
        this.fps = framesPerSecond;
        return this;
    }

    /** One more camera from a simulator of its own sending {@code c} (the simulator sends one codec). */
    public TestNode plus(Codec c) {
        extraSimulators.add(c);
        return this;
    }

    /** 640x360 samples instead of 1080p (cheaper to decode in a browser). */
    public TestNode small() {
        this.small = true;
        return this;
    }

    /** The first simulator's cameras send people walking across a square instead of the test card (H.264). */
    public TestNode people() {
        this.people = true;
        return this;
    }

    /** The simulated cameras also offer RTP over UDP. */
    public TestNode udp() {
        this.udp = true;
        return this;
    }

    /** How the node pulls the cameras it adds ({@code tcp}, {@code udp}). */
    public TestNode transport(String t) {
        this.transport = t;
        return this;
    }

    /** Camera names are {@code prefix1}, {@code prefix2} … (default {@code cam-}). */
    public TestNode named(String prefix) {
        this.namePrefix = prefix;
        return this;
    }

    /**
     * The simulated cameras are ONVIF devices too (admin/admin, WS-Discovery on a free UDP port), each raising a
     * motion event every {@code eventPeriod}.
     */
    public TestNode onvif(java.time.Duration eventPeriod) {
        this.onvif = OnvifSimConfig.defaults("127.0.0.1", 0, 0).withEventPeriod(eventPeriod);
        return this;
    }

    /** The node's wall clock (a {@code ManualClock} for tests that set the time). */
    public TestNode clock(Clock c) {
        this.clock = c;
        return this;
    }

    /**
     * The metadata on PostgreSQL (the JVM's one {@link EmbeddedPostgres}, a fresh database per node) instead
     * of the embedded database in the data folder; {@link #stopServer}/{@link #startServer} keep the database.
     */
    public TestNode postgres() {
        this.postgres = true;
        return this;
    }

    /** The node's PostgreSQL database ({@link #postgres}), for offline tools and direct queries. */
    public EmbeddedPostgres.Database database() {
        return database;
    }

    /**
     * Opens the node's metadata database as an offline command does ({@code Database.open} with the node's
     * metadata.url: the data folder's embedded database, or its PostgreSQL database). Close it after use.
     */
    public Database openDatabase() {
        return database == null ? Database.open(dataDir, "", "", "")
                : Database.open(dataDir, database.url(), database.user(), database.password());
    }

    /** The flags that point an offline command at the node's data and metadata, whichever engine it uses. */
    public List<String> offlineFlags() {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        if (database != null) {
            flags.addAll(List.of("--set", "metadata.url=" + database.url(), "--set", "metadata.user="
                    + database.user(), "--set", "metadata.password=" + database.password()));
        }
        return flags;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (server == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    private void start() throws Exception {
        dataDir = Files.createTempDirectory("argus-test-node-");
        if (postgres) {
            database = EmbeddedPostgres.freshDatabase();
            config.put("metadata.url", database.url());
            config.put("metadata.user", database.user());
            config.put("metadata.password", database.password());
        }
        if (cameras > 0) {
            simulate(cameras, codec);
        }
        for (Codec c : extraSimulators) {
            simulate(1, c);
        }
        startServer();
        if (addCameras) {
            for (int i = 0; i < urls.size(); i++) {
                cameraIds.add(addCamera(namePrefix + (i + 1), urls.get(i)));
            }
            for (String id : cameraIds) {
                awaitLive(id);
            }
        }
    }

    /** Stops the server alone, keeping its data folder and the simulators (for offline tools on the data). */
    public void stopServer() {
        server.close();
        server = null;
        api = null;
    }

    /** Starts the server on the node's data folder and configuration (again, after {@link #stopServer}). */
    public void startServer() {
        server = ArgusServer.start(ArgusConfig.ephemeral(dataDir, config), clock);
        api = ArgusClient.local(server.httpPort()).login("admin", PASSWORD);
    }

    private void simulate(int n, Codec c) throws IOException {
        Simulator.Config sc = new Simulator.Config(n, "127.0.0.1", 0, c, fps, udp, small);
        Simulator sim = Simulator.start(people && sims.isEmpty() ? sc.withPeople(n) : sc,
                sims.isEmpty() ? onvif : null);
        sims.add(sim);
        for (int i = 1; i <= n; i++) {
            urls.add(sim.url(i));
        }
    }

    private void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (database != null) {
            EmbeddedPostgres.drop(database);
            database = null;
        }
        sims.forEach(Simulator::close);
        sims.clear();
        urls.clear();
        cameraIds.clear();
        if (dataDir != null) {
            try (Stream<java.nio.file.Path> all = Files.walk(dataDir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            dataDir = null;
        }
    }

    /** Adds a camera pulling {@code url} through the API and returns its id (not awaited). */
    public String addCamera(String name, String url) {
        return addCamera("{\"name\":\"" + name + "\",\"url\":\"" + url + "\",\"transport\":\"" + transport + "\"}");
    }

    /** Adds the camera described by {@code json} through the API and returns its id (not awaited). */
    public String addCamera(String json) {
        Answer a = api.post("/api/v1/cameras", json);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    /** Waits until camera {@code id}'s stream is up (its first session started). */
    public void awaitLive(String id) throws Exception {
        Path p = server.paths().get(id).orElseThrow();
        CompletableFuture<Void> live = new CompletableFuture<>();
        p.onStream(s -> live.complete(null));
        live.get(LIVE_SECONDS, TimeUnit.SECONDS);
    }

    public ArgusServer server() {
        return server;
    }

    /** The first simulator. */
    public Simulator sim() {
        return sims.get(0);
    }

    /** The RTSP URL of the {@code i}th simulated camera (from 0, across the simulators in the order declared). */
    public String url(int i) {
        return urls.get(i);
    }

    /** The admin's client. */
    public ArgusClient api() {
        return api;
    }

    /** A client with no token, on this node. */
    public ArgusClient anonymous() {
        return ArgusClient.local(server.httpPort());
    }

    /** The id of the {@code i}th simulated camera (from 0). */
    public String camera(int i) {
        return cameraIds.get(i);
    }

    public java.nio.file.Path dataDir() {
        return dataDir;
    }

    /** {@code http://127.0.0.1:port}. */
    public String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }
}
