package io.argus.cluster.bus;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Messages between the parts of Argus, on one node or many. Consumer groups as Kafka defines them: every group
 * gets every message of a topic, and one member of a group handles each (messages with one key by one member, in
 * order). A handler that fails {@link #maxAttempts()} times sends the message to {@link Topic#DEAD_LETTER}.
 *
 * <p>Two implementations: {@link InProcessEventBus} (the embedded single node; nothing outlives the JVM) and
 * {@link KafkaEventBus} (a cluster; groups are durable and resume where they stopped). Both pass one contract suite.
 */
public interface EventBus extends AutoCloseable {
    /** Publishes a message; the future completes once the bus has accepted it (Kafka: acknowledged by the log). */
    CompletableFuture<Void> publish(BusMessage message);

    /**
     * Joins {@code group} on {@code topic} with {@code handler}; returns once this member takes part, so a message
     * published after the return reaches the group. Handlers of one subscription run on one thread.
     */
    Subscription subscribe(Topic topic, String group, MessageHandler handler);

    /** How many times a handler is tried on one message before it goes to the dead-letter topic. */
    int maxAttempts();

    /** The groups this bus has members of (for the lag metric). */
    Set<String> groups();

    /**
     * Messages published to the topics {@code group} subscribes to here and not yet handled by it: the group's
     * consumer lag, a backlog signal (job queue depth, an autoscaling input).
     */
    long lag(String group);

    @Override
    void close();
}
