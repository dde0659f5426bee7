package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.cluster.bus.InProcessEventBus;
import io.argus.testkit.Await;
import io.argus.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Owner lookup from the shards nodes announce: the live announcer of a shard, never a silent or stopped one. */
class NodeDirectoryOwnerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    private static NodeAnnouncement node(String name, String state, String shards) {
        return new NodeAnnouncement(name, "http://" + name + ":8080", state, 0, 100, "rtsp://" + name + ":8554",
                shards, "1.0");
    }

    @Test
    void theOwnerIsTheLiveNodeThatAnnouncesTheShard() throws Exception {
        try (InProcessEventBus bus = new InProcessEventBus(3)) {
            AtomicReference<NodeAnnouncement> b = new AtomicReference<>(node("b", NodeAnnouncement.UP, "8-15"));
            try (NodeDirectory me = new NodeDirectory(bus, () -> node("a", NodeAnnouncement.UP, "0-7"), clock, 64);
                    NodeDirectory other = new NodeDirectory(bus, b::get, clock, 64)) {
                Await.until(Duration.ofSeconds(10), () -> me.ownerOf(9).isPresent(), () -> "b heard");
                assertThat(me.ownerOf(9).map(NodeAnnouncement::name)).contains("b");
                assertThat(me.ownerOf(9).map(NodeAnnouncement::rtsp)).contains("rtsp://b:8554");
                // Its own shards are this node's business (ClusterRole asks the assignment), not the directory's.
                assertThat(me.ownerOf(3)).isEmpty();
                assertThat(me.ownerOf(20)).isEmpty();

                // A node not heard for three periods owns nothing any more: its shards are moving.
                clock.advance(NodeDirectory.SILENT_AFTER.plusMillis(1));
                assertThat(me.ownerOf(9)).isEmpty();
            }
            // A node that stops says so, and owns nothing from then on.
            try (NodeDirectory me = new NodeDirectory(bus, () -> node("a", NodeAnnouncement.UP, "0-7"), clock, 64)) {
                NodeDirectory other = new NodeDirectory(bus, b::get, clock, 64);
                Await.until(Duration.ofSeconds(10), () -> me.ownerOf(9).isPresent(), () -> "b heard");
                other.close();
                Await.until(Duration.ofSeconds(10), () -> me.ownerOf(9).isEmpty(), () -> "b heard stopping");
            }
        }
    }

    @Test
    void shardsPastTheClusterCountAreNotBelieved() throws Exception {
        try (InProcessEventBus bus = new InProcessEventBus(3);
                NodeDirectory me = new NodeDirectory(bus, () -> node("a", NodeAnnouncement.UP, ""), clock, 64);
                NodeDirectory other = new NodeDirectory(bus, () -> node("c", NodeAnnouncement.UP, "60-99"), clock,
                        128)) {
            Await.until(Duration.ofSeconds(10), () -> me.nodes().size() == 2, () -> "c heard");
            assertThat(me.ownerOf(61)).isEqualTo(Optional.empty());
        }
    }
}
