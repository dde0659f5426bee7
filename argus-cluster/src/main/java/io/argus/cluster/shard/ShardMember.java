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

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Events events;
    private final Thread thread;
    private volatile boolean closing;
    private volatile long epoch;

    ShardMember(ShardGroupConfig config, int index, Events events) {
        this.topic = config.group();
        this.events = events;
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
        this.consumer = new KafkaConsumer<>(p);
        this.thread = Thread.ofPlatform().daemon().name(config.node() + "-shards-" + index).start(this::run);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!closing) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // close(): leave below.
        } finally {
            // Leaving runs onPartitionsRevoked here, on this thread, before the coordinator moves the shards.
            consumer.close(CLOSE);
        }
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
            events.assigned(ShardMember.this, shards(partitions), epoch);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                events.revoked(ShardMember.this, shards(partitions), epoch, false);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                events.revoked(ShardMember.this, shards(partitions), epoch, true);
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
