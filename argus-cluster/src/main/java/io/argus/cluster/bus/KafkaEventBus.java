package io.argus.cluster.bus;

import io.argus.cluster.internal.KafkaTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The cluster's bus on Kafka: one topic per {@link Topic}, created at start when missing; one producer per node
 * (acks=all, idempotent); one consumer per {@link Subscription}, in the KIP-848 {@code consumer} group protocol, each
 * on its own thread ({@link KafkaSubscription}). Offsets are committed after handling (at least once), and when a
 * member first gets a partition, so the group's lag counts from the moment it joined.
 */
public final class KafkaEventBus implements EventBus {
    /** How long an admin call (topic creation, lag) may take before it counts as failed. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaBusConfig config;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final Map<Topic, Integer> partitions = new HashMap<>();
    /** Every live subscription; guarded by itself. */
    private final List<KafkaSubscription> subscriptions = new ArrayList<>();

    /** Connects, creates the topics that are missing, and fails if the cluster cannot be reached. */
    public KafkaEventBus(KafkaBusConfig config) {
        this.config = config;
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        a.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-admin");
        this.admin = Admin.create(a);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        try {
            createTopics();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void createTopics() {
        List<NewTopic> wanted = Arrays.stream(Topic.values())
                .map(t -> new NewTopic(t.kafkaName(), java.util.Optional.of(config.partitions()),
                        java.util.Optional.empty()))
                .toList();
        admin.createTopics(wanted).values().values().forEach(f -> {
            try {
                await(f);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
        for (Topic t : Topic.values()) {
            try {
                partitions.put(t, KafkaTopics.partitions(admin, t.kafkaName(), ADMIN_TIMEOUT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not describe " + t.kafkaName(), e);
            }
        }
    }

    @Override
    public CompletableFuture<Void> publish(BusMessage message) {
        ProducerRecord<String, String> r = new ProducerRecord<>(message.topic().kafkaName(), message.key(),
                message.payload());
        message.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(r, (meta, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public Subscription subscribe(Topic topic, String group, MessageHandler handler) {
        KafkaSubscription s = new KafkaSubscription(config, topic, group, handler, this::deadLetter, this::forget);
        synchronized (subscriptions) {
            subscriptions.add(s);
        }
        try {
            s.awaitJoined(config.joinTimeout());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Puts a dead letter on its topic and waits for the log to have it, so the offset is committed after it. */
    private void deadLetter(BusMessage letter) {
        try {
            publish(letter).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead letter could not be published", e);
        }
    }

    private void forget(KafkaSubscription s) {
        synchronized (subscriptions) {
            subscriptions.remove(s);
        }
    }

    @Override
    public int maxAttempts() {
        return config.maxAttempts();
    }

    @Override
    public Set<String> groups() {
        Set<String> names = new TreeSet<>();
        synchronized (subscriptions) {
            subscriptions.forEach(s -> names.add(s.group()));
        }
        return names;
    }

    /** The group's committed offsets against the end of its topics' partitions, asked of the cluster. */
    @Override
    public long lag(String group) {
        Set<Topic> topics = new TreeSet<>();
        synchronized (subscriptions) {
            subscriptions.stream().filter(s -> s.group().equals(group)).forEach(s -> topics.add(s.topic()));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach(t -> {
            for (int p = 0; p < partitions.get(t); p++) {
                latest.put(new TopicPartition(t.kafkaName(), p), OffsetSpec.latest());
            }
        });
        if (latest.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, ListOffsetsResultInfo> ends = await(admin.listOffsets(latest).all());
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> f) {
        try {
            return f.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in " + ADMIN_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        List<KafkaSubscription> all;
        synchronized (subscriptions) {
            all = List.copyOf(subscriptions);
        }
        all.forEach(KafkaSubscription::close);
        producer.close(ADMIN_TIMEOUT);
        admin.close(ADMIN_TIMEOUT);
    }
}
