package io.argus.cluster.shard;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the shard group: a consumer of the shards topic that reads nothing (nobody writes there) and polls
 * only so the coordinator's assignment reaches it. Its thread is the only one that touches the consumer; the
 * callbacks run on it, inside {@code poll} and {@code close}.
 */
final class ShardMember {
    private static final Logger LOG = LoggerFactory.getLogger(ShardMember.class);
    /** How long one poll blocks: the longest a close waits for the loop to notice, and the callbacks' latency. */
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long a graceful close may take: the listener releases its cameras inside it. */
    private static final Duration CLOSE = Duration.ofSeconds(30);

    /** What the member tells its node; called on the member's thread. */
    interface Events {
        void assigned(ShardMember member, Set<Integer> shards, long epoch);

        void revoked(ShardMember member, Set<Integer> shards, long epoch, boolean lost);
    }

    private final ShardGroupConfig config;
    private final int index;
    private final String topic;
    private final Events events;
    private final Thread thread;
    /** Replaced (a new member) after a self-fence; only the member's thread replaces it. */
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** The coordinator's answers to this consumer's heartbeats, to self-fence when they stop. */
    private CoordinatorAnswers answers;
    /** The shards this member holds as far as the node knows; touched on the member's thread only. */
    private final Set<Integer> held = new TreeSet<>();
    private volatile boolean closing;
    private volatile long epoch;

    ShardMember(ShardGroupConfig config, int index, Events events) {
        this.config = config;
        this.index = index;
        this.topic = config.group();
        this.events = events;
        this.consumer = newConsumer();
        this.thread = Thread.ofPlatform().daemon().name(config.node() + "-shards-" + index).start(this::run);
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.node() + "-shards-" + index);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        // KIP-848: the broker assigns; "uniform" is its sticky even-spread assignor.
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CONSUMER.name());
        p.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /**
     * Polls until the node closes the member, or until it fences itself (below): then the consumer is closed at
     * once and a new member joins in its place, which gets shards back through the normal assignment once the
     * coordinator answers again.
     */
    private void run() {
        while (!closing) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            boolean fenced = false;
            try {
                answers = new CoordinatorAnswers(c);
                c.subscribe(List.of(topic), new Rebalance());
                while (!closing && !(fenced = fencedItself())) {
                    pollOnce();
                }
            } catch (WakeupException e) {
                // close(): leave below.
            } finally {
                // Leaving runs onPartitionsRevoked here, on this thread, before the coordinator moves the shards.
                // A fenced member has nothing left to revoke and need not wait for a coordinator it cannot reach.
                close(c, fenced ? Duration.ZERO : CLOSE);
            }
            if (fenced && !closing) {
                consumer = newConsumer();
            }
        }
    }

    private void close(KafkaConsumer<byte[], byte[]> c, Duration timeout) {
        try {
            c.close(timeout);
        } catch (KafkaException e) {
            LOG.warn("shard member {}: closing: {}", thread.getName(), e.toString());
        }
    }

    /**
     * The consumer (KIP-848) does not expire its own session: cut off from the coordinator it keeps its partitions
     * and hears of their loss (onPartitionsLost) only when the coordinator answers again, while the coordinator
     * gave them to another member one session after the last heartbeat it received. So the member drops its
     * shards itself once the coordinator has not answered a heartbeat for the session minus one heartbeat interval
     * (docs/cluster.md, "Cut off from Kafka"). The answer is seen at most one poll after it arrived, and the
     * coordinator received the heartbeat before it answered: the heartbeat interval is the margin for both.
     */
    private boolean fencedItself() {
        long sinceAnswer = answers.sinceLastNanos();
        long fenceAfter = config.sessionTimeout().minus(config.heartbeat()).toNanos();
        if (held.isEmpty() || sinceAnswer < fenceAfter) {
            return false;
        }
        LOG.warn("shard member {}: the group coordinator has not answered for {} ms (session {}): dropping shards {}"
                + " and rejoining as a new member", thread.getName(), sinceAnswer / 1_000_000,
                config.sessionTimeout(), held);
        Set<Integer> lost = Set.copyOf(held);
        held.clear();
        events.revoked(this, lost, epoch, true);
        return true;
    }

    /**
     * A member fenced by the coordinator (its session expired: a pause longer than the session, a cut from Kafka)
     * has had its shards taken through onPartitionsLost and rejoins by itself; the poll that noticed throws, and
     * the member goes on polling, a poll's time later so a broker that keeps refusing is not hammered.
     */
    private void pollOnce() {
        try {
            consumer.poll(POLL);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("shard member {}: {}; polling on (the member rejoins)", thread.getName(), e.toString());
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                closing = true;
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            epoch = consumer.groupMetadata().generationId();
            // Nothing is ever read from the shards topic: no fetches.
            consumer.pause(partitions);
            held.addAll(shards(partitions));
            events.assigned(ShardMember.this, shards(partitions), epoch);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, true);
        }

        /** Only shards the member still holds: a member that fenced itself already let them go. */
        private void release(Collection<TopicPartition> partitions, boolean lost) {
            Set<Integer> shards = shards(partitions);
            shards.retainAll(held);
            held.removeAll(shards);
            if (!shards.isEmpty()) {
                events.revoked(ShardMember.this, shards, epoch, lost);
            }
        }
    }

    private static Set<Integer> shards(Collection<TopicPartition> partitions) {
        Set<Integer> s = new TreeSet<>();
        partitions.forEach(tp -> s.add(tp.partition()));
        return s;
    }

    /** Asks the loop to leave the group; {@link #join} waits for it. */
    void leave() {
        closing = true;
        consumer.wakeup();
    }

    void join() {
        try {
            thread.join(CLOSE.plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
