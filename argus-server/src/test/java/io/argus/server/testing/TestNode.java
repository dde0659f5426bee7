package io.argus.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.media.path.Path;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A node for a test class: an embedded server on free ports with its data in a fresh folder, a camera
 * simulator, an admin client, and the simulator's cameras added through the API and awaited live. What 13 server
 * tests used to write by hand, once:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestNode node = TestNode.withCameras(1).set("recording.chunkDuration", "2s");
 * ...
 * node.api().get("/api/v1/cameras/" + node.camera(0) + "/recording");
 * }</pre>
 *
 * Started before the class's first test and stopped after its last; the simulator and the server are closed in
 * that order's reverse, and the data folder is deleted.
 */
public final class TestNode implements BeforeAllCallback, AfterAllCallback {
    /** The admin password of every test node. */
    public static final String PASSWORD = "test-node-admin";
    private static final long LIVE_SECONDS = 30;

    private final int cameras;
    private final Map<String, String> config = new HashMap<>();
    private Codec codec = Codec.H264;
    private int fps = 25;
    private boolean small;
    private String transport = "tcp";
    private String namePrefix = "cam-";

    private java.nio.file.Path dataDir;
    private Simulator sim;
    private ArgusServer server;
    private ArgusClient api;
    private final List<String> cameraIds = new ArrayList<>();

    private TestNode(int cameras) {
        this.cameras = cameras;
        config.put("admin.password", PASSWORD);
    }

    /** A node with {@code n} simulated 1080p H.264 cameras at 25 fps, added over TCP (0: no simulator). */
    public static TestNode withCameras(int n) {
        return new TestNode(n);
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

    /** 640x360 samples instead of 1080p (cheaper to decode in a browser). */
    public TestNode small() {
        this.small = true;
        return this;
    }

    public TestNode transport(String t) {
        this.transport = t;
        return this;
    }

    /** Camera names are {@code prefix1}, {@code prefix2} … (default {@code cam-}). */
    public TestNode named(String prefix) {
        this.namePrefix = prefix;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("argus-test-node-");
        if (cameras > 0) {
            sim = Simulator.start(new Simulator.Config(cameras, "127.0.0.1", 0, codec, fps, false, small));
        }
        server = ArgusServer.start(ArgusConfig.ephemeral(dataDir, config));
        api = ArgusClient.local(server.httpPort()).login("admin", PASSWORD);
        for (int i = 1; i <= cameras; i++) {
            cameraIds.add(addCamera(namePrefix + i, sim.url(i)));
        }
        for (String id : cameraIds) {
            awaitLive(id);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (sim != null) {
            sim.close();
        }
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
        }
    }

    /** Adds a camera pulling {@code url} through the API and returns its id (not awaited). */
    public String addCamera(String name, String url) {
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"" + url
                + "\",\"transport\":\"" + transport + "\"}");
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

    public Simulator sim() {
        return sim;
    }

    /** The admin's client. */
    public ArgusClient api() {
        return api;
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
