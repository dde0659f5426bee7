package io.argus.cluster.shard;

import io.argus.cluster.internal.KafkaTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's shards from a Kafka consumer group: the shards topic's partitions are the shards, the node runs as many
 * members as its capacity is worth ({@link MemberPolicy}), and the broker's uniform assignor decides. Members are
 * added one at a time, each after the previous one got its share, and only while the node is under its headroom;
 * this is how a node at 80 % takes no new shards and how a returning node takes load back in small steps. Every
 * change of the node's share re-checks the headroom, so a node that was full when it was alone (the first node of a
 * cluster) grows its members as others join and take load from it.
 */
public final class KafkaShardAssignment implements ShardAssignment {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaShardAssignment.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final ShardGroupConfig config;
    private final ShardListener listener;
    private final ToIntFunction<Set<Integer>> camerasIn;
    /** Member changes happen here, one at a time, off the members' threads. */
    private final ExecutorService control;
    /** Guarded by {@code this}. */
    private final List<ShardMember> members = new ArrayList<>();
    private final Map<ShardMember, Map<Integer, Long>> ownedByMember = new HashMap<>();
    /** Held while a change is decided and told to the listener, so the listener hears changes in order. */
    private final Object transitions = new Object();
    private boolean closed;

    /**
     * @param camerasIn how many cameras a set of shards holds (from the camera list), for the node's utilisation
     */
    public KafkaShardAssignment(ShardGroupConfig config, ShardListener listener,
            ToIntFunction<Set<Integer>> camerasIn) {
        this.config = config;
        this.listener = listener;
        this.camerasIn = camerasIn;
        this.control = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name(config.node() + "-shards-control").factory());
    }

    @Override
    public void start() {
        prepareGroup();
        control.execute(this::adjust);
    }

    /** Creates the shards topic when missing (checking its size when not) and asks for the group's timeouts. */
    private void prepareGroup() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, config.node() + "-shards-admin");
        try (Admin admin = Admin.create(p)) {
            try {
                admin.createTopics(List.of(new NewTopic(config.group(), Optional.of(config.shards().count()),
                        Optional.empty()))).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the shards topic " + config.group(), e.getCause());
                }
            }
            int partitions = KafkaTopics.partitions(admin, config.group(), ADMIN_TIMEOUT);
            if (partitions != config.shards().count()) {
                throw new IllegalStateException("the shards topic " + config.group() + " has " + partitions
                        + " partitions and this node is configured for " + config.shards().count() + " shards");
            }
            askGroupTimeouts(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not answer", e);
        }
    }

    /**
     * The group's own session and heartbeat (KIP-848 group configs), so the cluster's failover time does not depend
     * on the broker's defaults (45 s). The broker's {@code group.consumer.min.*} bound them: a refusal is logged and
     * the broker's values stand.
     */
    private void askGroupTimeouts(Admin admin) throws InterruptedException {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, config.group());
        List<AlterConfigOp> ops = List.of(
                new AlterConfigOp(new ConfigEntry("consumer.session.timeout.ms",
                        Long.toString(config.sessionTimeout().toMillis())), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("consumer.heartbeat.interval.ms",
                        Long.toString(config.heartbeat().toMillis())), AlterConfigOp.OpType.SET));
        try {
            admin.incrementalAlterConfigs(Map.of(group, ops)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the broker refused the shard group's session {} / heartbeat {} (lower its "
                    + "group.consumer.min.session.timeout.ms and group.consumer.min.heartbeat.interval.ms): {}",
                    config.sessionTimeout(), config.heartbeat(), e.getCause() == null ? e : e.getCause().toString());
        }
    }

    /** One step of {@link MemberPolicy#next}; runs on the control thread after every change of this node's share. */
    private void adjust() {
        ShardMember leaving = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            int target = config.policy().targetMembers(config.capacity());
            double utilisation = camerasIn.applyAsInt(ownedShards()) / (double) config.capacity();
            int next = config.policy().next(members.size(), target, utilisation);
            if (next > members.size()) {
                members.add(new ShardMember(config, members.size(), new Events()));
            } else if (next < members.size()) {
                leaving = members.removeLast();
            }
        }
        if (leaving != null) {
            leaving.leave();
            leaving.join();
        }
    }

    /** Schedules {@link #adjust} unless the node is closing (its members' last revocations come after). */
    private void adjustLater() {
        try {
            control.execute(this::adjust);
        } catch (RejectedExecutionException e) {
            // Closed: no more members to add or remove.
        }
    }

    private Set<Integer> ownedShards() {
        Set<Integer> all = new TreeSet<>();
        ownedByMember.values().forEach(m -> all.addAll(m.keySet()));
        return all;
    }

    /**
     * Members' changes as node-level ones: the listener hears a shard assigned when the first member of this node
     * gets it and revoked when the last lets it go. Two members of one node may hold a shard at once for a moment
     * (a member that had not yet acknowledged a shard loses it to a newer assignment while its callback runs), and
     * such an internal move must not stop the camera. Calls reach the listener in the order they were decided.
     */
    private final class Events implements ShardMember.Events {
        @Override
        public void assigned(ShardMember member, Set<Integer> shards, long epoch) {
            synchronized (transitions) {
                Set<Integer> added = new TreeSet<>();
                synchronized (KafkaShardAssignment.this) {
                    for (Integer s : shards) {
                        if (!heldByAnyMember(s)) {
                            added.add(s);
                        }
                        ownedByMember.computeIfAbsent(member, m -> new TreeMap<>()).put(s, epoch);
                    }
                }
                if (!added.isEmpty()) {
                    listener.onShardsAssigned(added, epoch);
                }
            }
            adjustLater();
        }

        @Override
        public void revoked(ShardMember member, Set<Integer> shards, long epoch, boolean lost) {
            synchronized (transitions) {
                Set<Integer> removed = new TreeSet<>();
                synchronized (KafkaShardAssignment.this) {
                    Map<Integer, Long> mine = ownedByMember.getOrDefault(member, new TreeMap<>());
                    shards.forEach(mine::remove);
                    shards.stream().filter(s -> !heldByAnyMember(s)).forEach(removed::add);
                }
                if (lost && !removed.isEmpty()) {
                    listener.onShardsLost(removed, epoch);
                } else if (!removed.isEmpty()) {
                    listener.onShardsRevoked(removed, epoch);
                }
            }
            // Load taken away may bring the node back under its headroom: it may add a member now.
            adjustLater();
        }
    }

    private boolean heldByAnyMember(int shard) {
        return ownedByMember.values().stream().anyMatch(m -> m.containsKey(shard));
    }

    @Override
    public Shards shards() {
        return config.shards();
    }

    @Override
    public synchronized Map<Integer, Long> owned() {
        Map<Integer, Long> all = new TreeMap<>();
        ownedByMember.values().forEach(m -> m.forEach((s, e) -> all.merge(s, e, Math::max)));
        return all;
    }

    @Override
    public synchronized int members() {
        return members.size();
    }

    /** Every member leaves at once, each revoking its shards through the listener as it goes. */
    @Override
    public void close() {
        List<ShardMember> leaving;
        synchronized (this) {
            closed = true;
            leaving = List.copyOf(members);
            members.clear();
        }
        leaving.forEach(ShardMember::leave);
        leaving.forEach(ShardMember::join);
        control.shutdownNow();
    }
}
