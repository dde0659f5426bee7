package io.argus.cluster.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group member on Kafka: a consumer (KIP-848 {@code consumer} protocol, server-side assignment) polled by its
 * own thread, which is also the thread that runs the handler, commits, and runs the rebalance callbacks.
 */
final class KafkaSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
    /** How long one poll blocks: the longest a close waits for the loop to notice. */
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * How far before subscribing a new group starts reading: the publishers' clocks may be behind this node's by
     * that much (NTP keeps machines well within it). A message from that moment may be seen: at least once.
     */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private final Topic topic;
    private final String group;
    private final MessageHandler handler;
    private final int maxAttempts;
    private final Consumer<BusMessage> deadLetters;
    private final Consumer<KafkaSubscription> onClose;
    private final KafkaConsumer<String, String> consumer;
    private final CountDownLatch joined = new CountDownLatch(1);
    private final Thread thread;
    /** Offsets handled and not yet committed; touched by the poll thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    private volatile boolean closing;
    /** When subscribe was called, in the producers' clock (epoch milliseconds). */
    private final long subscribedAt = System.currentTimeMillis();

    KafkaSubscription(KafkaBusConfig config, Topic topic, String group, MessageHandler handler,
            Consumer<BusMessage> deadLetters, Consumer<KafkaSubscription> onClose) {
        this.topic = topic;
        this.group = group;
        this.handler = handler;
        this.maxAttempts = config.maxAttempts();
        this.deadLetters = deadLetters;
        this.onClose = onClose;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + group);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CONSUMER.name());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A group that never ran starts at the end: the bus carries what happens from now on.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.thread = Thread.ofPlatform().daemon().name("bus-" + group + "-" + topic.kafkaName()).start(this::run);
    }

    void awaitJoined(Duration timeout) {
        try {
            if (!joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("group " + group + " did not take this member in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + group, e);
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic.kafkaName()), new Rebalance());
            while (!closing) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // close() woke the poll: leave below.
        } finally {
            try {
                consumer.commitSync(handled);
            } catch (RuntimeException e) {
                LOG.debug("group {}: final commit failed ({})", group, e.toString());
            }
            consumer.close();
        }
    }

    /**
     * A partition the group never read starts at the first message published since this member subscribed (less
     * {@link #CLOCK_SLACK}), not at the end: the coordinator may hand partitions over a heartbeat or two after the
     * first assignment (a topic it had not seen yet), and "latest" then would skip what was published between.
     */
    private void startNewPartitionsAtSubscription(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> fresh = new HashMap<>();
        partitions.stream().filter(tp -> committed.get(tp) == null)
                .forEach(tp -> fresh.put(tp, subscribedAt - CLOCK_SLACK.toMillis()));
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(fresh);
        Map<TopicPartition, Long> ends = consumer.endOffsets(fresh.keySet());
        fresh.keySet().forEach(tp -> {
            OffsetAndTimestamp at = found.get(tp);
            consumer.seek(tp, at != null ? at.offset() : ends.get(tp));
        });
    }

    /**
     * One poll, its messages handled and their offsets committed. A member the coordinator fenced (its session
     * expired: a pause, a cut from Kafka) had its partitions taken and rejoins by itself; the poll or callback that
     * noticed throws, and the member goes on polling, a poll's time later so a broker that keeps refusing is not
     * hammered. Messages it had not committed are delivered again to whoever has the partition now.
     */
    private void pollOnce() {
        try {
            for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                Delivery.deliver(toMessage(r), group, handler, maxAttempts, deadLetters);
                handled.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            if (!handled.isEmpty()) {
                consumer.commitAsync(Map.copyOf(handled), (offsets, e) -> {
                    if (e != null) {
                        LOG.debug("group {}: commit failed, retried with the next ({})", group, e.toString());
                    }
                });
                handled.clear();
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("group {} on {}: {}; polling on (the member rejoins)", group, topic.kafkaName(), e.toString());
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                closing = true;
            }
        }
    }

    private BusMessage toMessage(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return new BusMessage(topic, r.key() == null ? "" : r.key(), r.value() == null ? "" : r.value(), headers);
    }

    /** Runs on the poll thread, inside {@code poll}. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            startNewPartitionsAtSubscription(partitions);
            // Resolve each partition's start now and commit it, so the group's lag counts from here even before
            // anything is handled, and a restart resumes here.
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            partitions.forEach(tp -> start.put(tp, new OffsetAndMetadata(consumer.position(tp))));
            if (!start.isEmpty()) {
                consumer.commitSync(start);
            }
            joined.countDown();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            consumer.commitSync(handled);
            handled.clear();
        }

        /** Fenced: the partitions are someone else's already, and a commit would be refused. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            handled.clear();
        }
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public Topic topic() {
        return topic;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(KafkaEventBus.ADMIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.accept(this);
    }
}
