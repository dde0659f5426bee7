package io.argus.cluster.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.Await;
import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.TcpProxy;
import io.argus.testkit.tier.Kill;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A network partition between a node and Kafka (issue 10): node A reaches the in-JVM broker only through a
 * {@link TcpProxy}, node B directly; 16 shards. The proxy is cut: A must drop its shards on its own within its
 * session (the consumer would only hear onPartitionsLost once it reconnects), B takes them, and no shard is held
 * by both at any moment (no camera recorded into two chains). The proxy is restored: A rejoins and gets shards back.
 */
@Kill
class ShardPartitionKillTest {
    static final int SHARDS = 16;
    static final Duration SESSION = ShardGroupConfig.DEFAULT_SESSION_TIMEOUT;
    static final Duration WAIT = Duration.ofSeconds(30);

    final String group = "argus.shards-" + UUID.randomUUID().toString().substring(0, 8);
    final TcpProxy proxy = KafkaBrokers.shared().proxy();
    final List<KafkaShardAssignment> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        proxy.restore();
        nodes.forEach(KafkaShardAssignment::close);
    }

    @Test
    void aNodeCutOffFromKafkaStopsItsShardsWithinItsSessionAndGetsThemBackAfter() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        start("127.0.0.1:" + proxy.port(), "node-a", a);
        start(KafkaBrokers.shared().bootstrapServers(), "node-b", b);
        Await.until(WAIT, () -> !a.owned().isEmpty() && !b.owned().isEmpty()
                && a.owned().size() + b.owned().size() == SHARDS, () -> "a " + a.owned() + ", b " + b.owned());

        long cut = System.nanoTime();
        proxy.cut();
        Await.until(WAIT, () -> a.owned().isEmpty(), () -> "a still owns " + a.owned());
        long aStopped = a.lastChange();
        Await.until(WAIT, () -> b.owned().size() == SHARDS, () -> "b owns " + b.owned());
        long bHasAll = b.lastChange();
        System.out.printf("partition: node A dropped its shards %d ms after the cut (session %d ms); node B owned"
                + " all %d shards %d ms after the cut%n", ms(aStopped - cut), SESSION.toMillis(), SHARDS,
                ms(bHasAll - cut));
        assertThat(ms(aStopped - cut)).as("A stops within its session").isLessThanOrEqualTo(SESSION.toMillis());

        long restored = System.nanoTime();
        proxy.restore();
        Await.until(WAIT, () -> !a.owned().isEmpty() && a.owned().size() + b.owned().size() == SHARDS,
                () -> "after the restore: a " + a.owned() + ", b " + b.owned());
        System.out.printf("partition: node A owned shards again %d ms after the restore (%d of %d)%n",
                ms(a.lastChange() - restored), a.owned().size(), SHARDS);

        for (int shard = 0; shard < SHARDS; shard++) {
            for (long[] x : a.intervals(shard)) {
                for (long[] y : b.intervals(shard)) {
                    assertThat(x[1] <= y[0] || y[1] <= x[0])
                            .as("shard %d held by A %s and B %s at once", shard, x, y).isTrue();
                }
            }
        }
    }

    private void start(String bootstrap, String node, Recorder recorder) {
        ShardGroupConfig config = new ShardGroupConfig(bootstrap, node, 25, new Shards(SHARDS),
                MemberPolicy.defaults(), group, SESSION, ShardGroupConfig.DEFAULT_HEARTBEAT);
        KafkaShardAssignment assignment = new KafkaShardAssignment(config, recorder, Set::size);
        nodes.add(assignment);
        assignment.start();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Each shard's holding intervals {from, to} on the monotonic clock; an open one ends at Long.MAX_VALUE. */
    static final class Recorder implements ShardListener {
        private final Map<Integer, List<long[]>> intervals = new TreeMap<>();
        private long lastChange;

        @Override
        public synchronized void onShardsAssigned(Set<Integer> shards, long epoch) {
            long now = System.nanoTime();
            shards.forEach(s -> intervals.computeIfAbsent(s, k -> new ArrayList<>()).add(new long[] {now,
                    Long.MAX_VALUE}));
            lastChange = now;
        }

        @Override
        public synchronized void onShardsRevoked(Set<Integer> shards, long epoch) {
            long now = System.nanoTime();
            shards.forEach(s -> intervals.get(s).getLast()[1] = now);
            lastChange = now;
        }

        synchronized Set<Integer> owned() {
            Set<Integer> owned = new TreeSet<>();
            intervals.forEach((s, list) -> {
                if (list.getLast()[1] == Long.MAX_VALUE) {
                    owned.add(s);
                }
            });
            return owned;
        }

        synchronized long lastChange() {
            return lastChange;
        }

        synchronized List<long[]> intervals(int shard) {
            return List.copyOf(intervals.getOrDefault(shard, List.of()));
        }
    }
}
