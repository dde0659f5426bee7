package io.argus.server.cluster;

import static io.argus.server.cluster.ClusterNodes.chunks;
import static io.argus.server.cluster.ClusterNodes.liveAndRecording;
import static io.argus.server.cluster.ClusterNodes.remote;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.media.path.PathState;
import io.argus.metadata.TenantScope;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.sim.Simulator;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.testkit.Await;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest and recording follow the shards: two nodes on one Kafka broker and one PostgreSQL, simulated cameras all
 * created on node A. Each camera is pulled and recorded by exactly one node, its shard's owner (so B starts the
 * cameras A created that fall in B's shards, through the camera-changes topic); the other node's path stays remote.
 * A graceful close of A hands its cameras to B: A's open chunks were closed and indexed (in A's epoch) before B's
 * first chunk of each (in a newer epoch), and B has them live and recording (the hand-over time is printed).
 */
@E2e
class ShardFollowingTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Enough that both nodes get some whatever ids they draw (all in one half of the shards: 1 in 128). */
    static final int CAMERAS = 8;

    @TempDir
    Path dir;

    @Test
    void eachCameraIsIngestedByItsShardsOwnerAndAGracefulCloseHandsItOver() throws Exception {
        EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
        List<ArgusServer> nodes = new ArrayList<>();
        try (Simulator sim = Simulator.start(new Simulator.Config(CAMERAS, "127.0.0.1", 0, Codec.H264, 25, false))) {
            nodes.add(node("node-a", db));
            nodes.add(node("node-b", db));
            ArgusServer a = nodes.get(0);
            ArgusServer b = nodes.get(1);
            Await.until(WAIT, () -> a.cluster().ownedShards() > 0 && b.cluster().ownedShards() > 0
                    && a.cluster().ownedShards() + b.cluster().ownedShards() == ClusterModeTest.SHARDS,
                    () -> "the shards split between the nodes");
            ArgusClient adminA = ArgusClient.local(a.httpPort()).login("admin", ClusterNodes.PASSWORD);
            List<UUID> cameras = new ArrayList<>();
            for (int i = 1; i <= CAMERAS; i++) {
                cameras.add(UUID.fromString(adminA.post("/api/v1/cameras", "{\"name\":\"cam" + i + "\",\"url\":\""
                        + sim.url(i) + "\"}").json().get("id").asText()));
            }
            Await.until(WAIT, () -> cameras.stream().allMatch(c -> ingestedByOwnerOnly(c, nodes)),
                    () -> "every camera is live and recording on its owner only: " + states(cameras, nodes));
            List<UUID> onA = cameras.stream().filter(c -> a.cluster().owns(c.toString())).toList();
            List<UUID> onB = cameras.stream().filter(c -> b.cluster().owns(c.toString())).toList();
            System.out.println("SHARDS cameras created on node-a: " + onA.size() + " ingested by node-a, "
                    + onB.size() + " by node-b");
            assertThat(onB).as("some cameras created on A are ingested by B (pick the ids again if none)")
                    .isNotEmpty();
            assertThat(onA).as("and some by A").isNotEmpty();
            // Let A's cameras get into a chunk, so that the close has an open chunk to close and index.
            Await.until(WAIT, () -> onA.stream().allMatch(c -> a.recording().service().status(c).orElseThrow()
                    .bytes() > 0), () -> "A writes its cameras' chunks");

            long t0 = System.nanoTime();
            Instant closing = Instant.now();
            Thread closer = Thread.ofPlatform().name("close-node-a").start(a::close);
            // The moment B starts pulling each camera, A's open chunk of it is already closed and indexed.
            Map<UUID, ChunkRecord> lastOfA = new ConcurrentHashMap<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            Await.until(WAIT, () -> {
                for (UUID c : onA) {
                    if (!lastOfA.containsKey(c) && b.paths().get(c.toString()).orElseThrow().state()
                            != PathState.REMOTE) {
                        ChunkRecord last = TenantScope.system(() -> b.recording().index().last(Tenants.DEFAULT_ID,
                                c)).orElse(null);
                        if (last == null || last.end().isBefore(closing.minusSeconds(1))) {
                            problems.add(c + ": B pulls it and A's last chunk is not indexed (" + last + ")");
                            return true;
                        }
                        lastOfA.put(c, last);
                    }
                }
                return lastOfA.size() == onA.size();
            }, () -> "node-b starts pulling A's cameras");
            assertThat(problems).isEmpty();
            closer.join();
            long closedMs = (System.nanoTime() - t0) / 1_000_000;
            Await.until(WAIT, () -> onA.stream().allMatch(c -> liveAndRecording(b, c)),
                    () -> "node-b takes A's cameras: " + states(onA, List.of(b)));
            long handOverMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("SHARDS graceful close of node-a: closed in " + closedMs + " ms; its " + onA.size()
                    + " cameras live and recording on node-b " + handOverMs + " ms after the close began");

            Await.until(WAIT, () -> onA.stream().allMatch(c -> TenantScope.system(() -> b.recording().index()
                    .find(Tenants.DEFAULT_ID, c, lastOfA.get(c).end(), Instant.now().plusSeconds(60))).stream()
                    .anyMatch(r -> !r.location().equals(lastOfA.get(c).location()))),
                    () -> "node-b indexes a chunk of each camera it took over");
            try (Connection sql = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                sql.createStatement().execute("SELECT set_config('argus.tenant_id', '*', false)");
                for (UUID c : onA) {
                    List<ClusterNodes.Row> rows = chunks(sql, c);
                    ClusterNodes.Row old = rows.stream().filter(r -> r.location().equals(lastOfA.get(c).location())).findFirst()
                            .orElseThrow();
                    List<ClusterNodes.Row> newOwners = rows.stream().filter(r -> r.epoch() > old.epoch()).toList();
                    assertThat(newOwners).as("the new owner's chunks, in a newer epoch").isNotEmpty();
                    // Compared by epoch, not by position in start order: the nodes' chunk times can overlap by up
                    // to a GOP at the hand-over (each node anchors them at its first frame's arrival).
                    assertThat(rows.stream().filter(r -> r.epoch() <= old.epoch()))
                            .as("no chunk of node-a's after the last one it indexed before node-b started pulling")
                            .allMatch(r -> !r.start().isAfter(old.start()));
                    ClusterNodes.Row next = newOwners.get(0);
                    long gapMs = Duration.between(old.end(), next.start()).toMillis();
                    // Printed, not compared: each node's chunk times are the camera's timestamps anchored at the
                    // arrival of its first frame, and the simulator sends its cached GOP at once on PLAY, so they
                    // run late by up to a GOP (seen: -1027 ms "gaps"). The order is checked above, on the events.
                    System.out.println("SHARDS camera " + c + ": node-a's last chunk (epoch " + old.epoch()
                            + ") ends, node-b's first (epoch " + next.epoch() + ") starts " + gapMs + " ms later");
                    assertThat(old.epoch()).isGreaterThan(0);
                }
            }
        } finally {
            for (ArgusServer n : nodes) {
                n.close();
            }
            EmbeddedPostgres.drop(db);
        }
    }

    /** Live and recording on the node that owns its shard; its path on the other is remote, with no recorder. */
    private static boolean ingestedByOwnerOnly(UUID camera, List<ArgusServer> nodes) {
        long owners = nodes.stream().filter(n -> n.cluster().owns(camera.toString())).count();
        return owners == 1 && nodes.stream().allMatch(n -> n.cluster().owns(camera.toString())
                ? liveAndRecording(n, camera)
                : remote(n, camera));
    }

    private static String states(List<UUID> cameras, List<ArgusServer> nodes) {
        StringBuilder b = new StringBuilder();
        for (UUID c : cameras) {
            b.append(c.toString(), 0, 8).append(':');
            for (ArgusServer n : nodes) {
                b.append(' ').append(n.cluster().node()).append(n.cluster().owns(c.toString()) ? "*" : "").append('=')
                        .append(n.paths().get(c.toString()).map(p -> p.state().apiName()).orElse("none")).append('/')
                        .append(n.recording().service().status(c).map(s -> s.state().apiName()).orElse("none"));
            }
            b.append("; ");
        }
        return b.toString();
    }

    private ArgusServer node(String name, EmbeddedPostgres.Database db) {
        return ClusterNodes.start(dir, name, KafkaBrokers.shared().bootstrapServers(), db,
                Map.of("recording.chunkDuration", "2s"));
    }
}
