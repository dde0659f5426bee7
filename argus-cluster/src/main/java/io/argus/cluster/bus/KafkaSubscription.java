package io.argus.cluster.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
            }
        } catch (WakeupException e) {
            // close() woke the poll: leave below.
        } catch (RuntimeException e) {
            LOG.error("group {} on {}: the member stopped", group, topic.kafkaName(), e);
        } finally {
            try {
                consumer.commitSync(handled);
            } catch (RuntimeException e) {
                LOG.debug("group {}: final commit failed ({})", group, e.toString());
            }
            consumer.close();
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
            // Resolve each new partition's start now and commit it, so a message published after subscribe returns
            // is read, and the group's lag counts from here even before anything is handled.
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
