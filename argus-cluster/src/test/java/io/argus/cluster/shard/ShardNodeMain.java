package io.argus.cluster.shard;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * One cluster node's shard assignment alone, in a child JVM for {@link ShardFailoverKillTest}: prints a line per
 * change ({@code ASSIGNED|REVOKED|LOST <node> <epoch> <shard,…> <System.nanoTime>}: one monotonic clock for every
 * JVM on a Linux machine, so the test orders lines of different nodes) and leaves the group gracefully on SIGTERM. Each
 * shard holds one camera, so utilisation is shards owned / capacity.
 *
 * <p>Arguments: bootstrap servers, node name, capacity (cameras), shard count, cameras per member, group.
 */
public final class ShardNodeMain {
    private ShardNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String node = args[1];
        ShardGroupConfig config = new ShardGroupConfig(args[0], node, Integer.parseInt(args[2]),
                new Shards(Integer.parseInt(args[3])), new MemberPolicy(Integer.parseInt(args[4]), 0.8), args[5],
                Duration.ofMillis(1000), Duration.ofMillis(250));
        KafkaShardAssignment assignment = new KafkaShardAssignment(config, new Printer(node), Set::size);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            assignment.close();
            System.out.println("CLOSED " + node);
            closed.countDown();
        }));
        assignment.start();
        System.out.println("STARTED " + node);
        closed.await();
    }

    /** The lines the test reads; println is synchronized, so lines of two members never mix. */
    record Printer(String node) implements ShardListener {
        @Override
        public void onShardsAssigned(Set<Integer> shards, long epoch) {
            print("ASSIGNED", shards, epoch);
        }

        @Override
        public void onShardsRevoked(Set<Integer> shards, long epoch) {
            print("REVOKED", shards, epoch);
        }

        @Override
        public void onShardsLost(Set<Integer> shards, long epoch) {
            print("LOST", shards, epoch);
        }

        private void print(String what, Set<Integer> shards, long epoch) {
            System.out.println(what + " " + node + " " + epoch + " "
                    + shards.stream().map(String::valueOf).collect(Collectors.joining(",")) + " " + System.nanoTime());
        }
    }
}
