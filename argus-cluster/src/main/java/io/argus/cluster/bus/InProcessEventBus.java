package io.argus.cluster.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded node's bus: groups and members in memory, one thread per member. A message goes to one member of
 * each group subscribed to its topic, chosen by its key (so one key stays in order while membership holds). A group
 * with no member when a message is published does not get it: nothing here outlives the JVM, so there is no one to
 * keep it for.
 */
public final class InProcessEventBus implements EventBus {
    /** How long {@link #close} lets members finish the messages they already have. */
    private static final long DRAIN_SECONDS = 5;

    private final int maxAttempts;
    /** Topic → group → its members and its backlog; guarded by {@code this}. */
    private final Map<Topic, Map<String, Group>> groups = new HashMap<>();

    public InProcessEventBus(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public CompletableFuture<Void> publish(BusMessage message) {
        List<Runnable> deliveries = new ArrayList<>();
        synchronized (this) {
            for (Group g : groups.getOrDefault(message.topic(), Map.of()).values()) {
                if (!g.members.isEmpty()) {
                    Member m = g.members.get(Math.floorMod(message.key().hashCode(), g.members.size()));
                    g.pending.incrementAndGet();
                    deliveries.add(() -> m.executor.execute(() -> {
                        try {
                            Delivery.deliver(message, g.name, m.handler, maxAttempts, this::publish);
                        } finally {
                            g.pending.decrementAndGet();
                        }
                    }));
                }
            }
        }
        deliveries.forEach(Runnable::run);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized Subscription subscribe(Topic topic, String group, MessageHandler handler) {
        Group g = groups.computeIfAbsent(topic, t -> new HashMap<>()).computeIfAbsent(group, Group::new);
        Member m = new Member(topic, g, handler);
        g.members.add(m);
        return m;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public synchronized Set<String> groups() {
        Set<String> names = new TreeSet<>();
        groups.values().forEach(byName -> names.addAll(byName.keySet()));
        return names;
    }

    @Override
    public synchronized long lag(String group) {
        long lag = 0;
        for (Map<String, Group> byName : groups.values()) {
            Group g = byName.get(group);
            lag += g == null ? 0 : g.pending.get();
        }
        return lag;
    }

    @Override
    public void close() {
        List<Member> all = new ArrayList<>();
        synchronized (this) {
            groups.values().forEach(byName -> byName.values().forEach(g -> all.addAll(g.members)));
        }
        all.forEach(Member::close);
    }

    private synchronized void leave(Member m) {
        m.group.members.remove(m);
    }

    private static final class Group {
        final String name;
        final List<Member> members = new ArrayList<>();
        final AtomicLong pending = new AtomicLong();

        Group(String name) {
            this.name = name;
        }
    }

    private final class Member implements Subscription {
        final Topic topic;
        final Group group;
        final MessageHandler handler;
        final ExecutorService executor;

        Member(Topic topic, Group group, MessageHandler handler) {
            this.topic = topic;
            this.group = group;
            this.handler = handler;
            this.executor = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("bus-" + group.name + "-" + topic.kafkaName()).factory());
        }

        @Override
        public String group() {
            return group.name;
        }

        @Override
        public Topic topic() {
            return topic;
        }

        @Override
        public void close() {
            leave(this);
            executor.shutdown();
            try {
                executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
