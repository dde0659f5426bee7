package io.argus.cluster.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.cluster.shard.MemberPolicy;
import io.argus.cluster.shard.Shards;
import io.argus.testkit.tier.E2e;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Placement planned past this machine: 10,000 cameras of mixed bitrates over 40 nodes of mixed capacity, through
 * {@link PlacementSimulation} (Argus's member policy over Kafka's own uniform assignor). Prints the table
 * docs/cluster.md ("Placement") quotes, for several shard counts and member sizes, and holds the default to it.
 * Run: {@code mvn -pl argus-cluster -am test -Dtest=PlacementSimulationTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@E2e
class PlacementSimulationTest {
    static final int CAMERAS = 10_000;
    /** 10 small (200), 20 medium (400), 10 large (600) nodes: 16,000 cameras of capacity, 62.5 % used. */
    static final int[] NODE_CAPACITIES = {200, 400, 600, 400};

    /** Bitrates (Mbit/s) and their share of cameras: substreams, 1080p H.264, 4K H.265, 4K H.264. */
    static final double[][] BITRATE_MIX = {{1, 0.15}, {2, 0.45}, {4, 0.30}, {8, 0.08}, {16, 0.02}};

    record Row(int shards, int camerasPerMember, int members, double spreadCameras, double spreadMbps,
            double maxUtilisation, long joinMoves, long joinMin, long leaveMoves, long leaveMin, long dieMoves,
            long dieMin, long rejoinMoves, long rejoinMin, long dieCameras) {
        String markdown() {
            return String.format("| %d | %d | %d | %.2f | %.2f | %.0f %% | %d (%d) | %d (%d) | %d (%d), %d cameras "
                    + "| %d (%d) |", shards, camerasPerMember, members, spreadCameras, spreadMbps,
                    maxUtilisation * 100, joinMoves, joinMin, leaveMoves, leaveMin, dieMoves, dieMin, dieCameras,
                    rejoinMoves, rejoinMin);
        }
    }

    static List<PlacementSimulation.Camera> cameras(Shards shards) {
        Random r = new Random(42);
        List<PlacementSimulation.Camera> cams = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            String id = new UUID(r.nextLong(), r.nextLong()).toString();
            double pick = r.nextDouble();
            double mbps = BITRATE_MIX[BITRATE_MIX.length - 1][0];
            for (double[] b : BITRATE_MIX) {
                if (pick < b[1]) {
                    mbps = b[0];
                    break;
                }
                pick -= b[1];
            }
            cams.add(new PlacementSimulation.Camera(shards.shardOf(id), mbps));
        }
        return cams;
    }

    static String node(int i) {
        return String.format("node-%02d", i);
    }

    static long moves(Map<Integer, String> before, Map<Integer, String> after) {
        return after.keySet().stream().filter(s -> !after.get(s).equals(before.get(s))).count();
    }

    static long owned(Map<Integer, String> owners, String node) {
        return owners.values().stream().filter(node::equals).count();
    }

    static Row simulate(int shardCount, int camerasPerMember) {
        Shards shards = new Shards(shardCount);
        List<PlacementSimulation.Camera> cams = cameras(shards);
        PlacementSimulation sim = new PlacementSimulation(shards, new MemberPolicy(camerasPerMember, 0.8), cams);
        for (int i = 0; i < 40; i++) {
            sim.join(node(i), NODE_CAPACITIES[i % NODE_CAPACITIES.length]);
        }
        double totalCap = sim.capacities().values().stream().mapToInt(Integer::intValue).sum();
        double totalMbps = cams.stream().mapToDouble(PlacementSimulation.Camera::mbps).sum();
        double maxCam = 0;
        double maxMbps = 0;
        for (var e : sim.capacities().entrySet()) {
            maxCam = Math.max(maxCam, sim.cameras(e.getKey()) / e.getValue());
            maxMbps = Math.max(maxMbps, sim.mbps(e.getKey()) / e.getValue());
        }
        int members = sim.totalMembers();

        Map<Integer, String> s0 = sim.owners();
        sim.join("node-40", 400);
        Map<Integer, String> s1 = sim.owners();
        sim.leave("node-40");
        Map<Integer, String> s2 = sim.owners();
        // A death and a graceful leave are one event to the assignor (the member leaves the group), only the
        // time differs (session timeout against an immediate leave).
        double dieCameras = sim.cameras(node(1));
        sim.leave(node(1));
        Map<Integer, String> s3 = sim.owners();
        sim.join(node(1), NODE_CAPACITIES[1]);
        Map<Integer, String> s4 = sim.owners();
        return new Row(shardCount, camerasPerMember, members, maxCam / (CAMERAS / totalCap),
                maxMbps / (totalMbps / totalCap), maxCam, moves(s0, s1), owned(s1, "node-40"), moves(s1, s2),
                owned(s1, "node-40"), moves(s2, s3), owned(s2, node(1)), moves(s3, s4), owned(s4, node(1)),
                Math.round(dieCameras));
    }

    @Test
    void tenThousandCamerasOverFortyNodes() {
        int[][] configs = {{1024, 25}, {1024, 50}, {2048, 25}, {4096, 25}, {4096, 50}, {4096, 100}};
        System.out.println("| shards | cameras/member | members | max/mean load (cameras) | max/mean load (Mbit/s) "
                + "| busiest node | shards moved (the least possible): a 400-camera node joins | it leaves | a 400-camera node "
                + "dies | it rejoins |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        Row chosen = null;
        for (int[] c : configs) {
            Row row = simulate(c[0], c[1]);
            System.out.println(row.markdown());
            if (c[0] == Shards.DEFAULT_COUNT && c[1] == MemberPolicy.DEFAULT_CAMERAS_PER_MEMBER) {
                chosen = row;
            }
        }
        assertThat(chosen).as("the defaults are in the table").isNotNull();
        assertThat(chosen.maxUtilisation()).as("no node over capacity while others have room").isLessThan(1.0);
        assertThat(chosen.spreadCameras()).isLessThan(1.3);
        // Sticky: a change moves little more than the shards that must move.
        assertThat(chosen.joinMoves()).isLessThanOrEqualTo(chosen.joinMin() * 11 / 10);
        assertThat(chosen.leaveMoves()).isLessThanOrEqualTo(chosen.leaveMin() * 11 / 10);
        assertThat(chosen.dieMoves()).isLessThanOrEqualTo(chosen.dieMin() * 11 / 10);
        assertThat(chosen.rejoinMoves()).isLessThanOrEqualTo(chosen.rejoinMin() * 11 / 10);
    }
}
