package io.argus.cluster.placement;

import io.argus.cluster.shard.MemberPolicy;
import io.argus.cluster.shard.Shards;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.GroupSpec;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberSubscription;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.assignor.UniformAssignor;

/**
 * The placement logic alone, without a broker: Argus's {@link MemberPolicy} (capacity as members, added one at a
 * time under the 80 % headroom) over the broker's own {@link UniformAssignor} (the class Kafka 4.4's group
 * coordinator runs for {@code group.remote.assignor=uniform}), fed each time with the current assignment, as the
 * coordinator does, so its stickiness is the real one. Cameras hash to shards with {@link Shards}.
 */
final class PlacementSimulation {
    /** A camera: its shard and its bitrate. */
    record Camera(int shard, double mbps) {
    }

    private final Shards shards;
    private final MemberPolicy policy;
    private final Uuid topic = Uuid.randomUuid();
    private final double[] camerasPerShard;
    private final double[] mbpsPerShard;
    /** Node → capacity, in join order. */
    private final Map<String, Integer> capacity = new LinkedHashMap<>();
    /** Node → its members' ids, in the order they joined. */
    private final Map<String, List<String>> members = new HashMap<>();
    /** Member → its partitions: the group's current assignment. */
    private Map<String, Set<Integer>> assignment = new HashMap<>();
    private int memberSerial;

    PlacementSimulation(Shards shards, MemberPolicy policy, List<Camera> cameras) {
        this.shards = shards;
        this.policy = policy;
        this.camerasPerShard = new double[shards.count()];
        this.mbpsPerShard = new double[shards.count()];
        for (Camera c : cameras) {
            camerasPerShard[c.shard()]++;
            mbpsPerShard[c.shard()] += c.mbps();
        }
    }

    /** A node joins and ramps its members, and every node re-checks its headroom, until nothing changes. */
    void join(String node, int cameras) {
        capacity.put(node, cameras);
        members.put(node, new ArrayList<>());
        settle();
    }

    /** A node leaves (gracefully or dead: the group removes its members either way). */
    void leave(String node) {
        capacity.remove(node);
        members.remove(node).forEach(assignment::remove);
        reassign();
        settle();
    }

    private void settle() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String node : List.copyOf(capacity.keySet())) {
                List<String> mine = members.get(node);
                int cap = capacity.get(node);
                int next = policy.next(mine.size(), policy.targetMembers(cap), cameras(node) / cap);
                if (next > mine.size()) {
                    String id = node + "-m" + memberSerial++;
                    mine.add(id);
                    assignment.put(id, new TreeSet<>());
                    reassign();
                    changed = true;
                } else if (next < mine.size()) {
                    assignment.remove(mine.removeLast());
                    reassign();
                    changed = true;
                }
            }
        }
    }

    private void reassign() {
        Map<String, Set<Integer>> current = assignment;
        boolean[] assigned = new boolean[shards.count()];
        current.values().forEach(p -> p.forEach(s -> assigned[s] = true));
        GroupSpec spec = new GroupSpec() {
            @Override
            public java.util.Collection<String> memberIds() {
                return current.keySet();
            }

            @Override
            public SubscriptionType subscriptionType() {
                return SubscriptionType.HOMOGENEOUS;
            }

            @Override
            public boolean isPartitionAssigned(Uuid topicId, int partition) {
                return assigned[partition];
            }

            @Override
            public boolean isPartitionAssignable(Uuid topicId, int partition) {
                return true;
            }

            @Override
            public MemberSubscription memberSubscription(String memberId) {
                return new MemberSubscription() {
                    @Override
                    public Optional<String> rackId() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> instanceId() {
                        return Optional.empty();
                    }

                    @Override
                    public Set<Uuid> subscribedTopicIds() {
                        return Set.of(topic);
                    }
                };
            }

            @Override
            public MemberAssignment memberAssignment(String memberId) {
                Set<Integer> p = current.getOrDefault(memberId, Set.of());
                // The assignor insists on the JDK's unmodifiable wrappers, as the coordinator passes them.
                Map<Uuid, Set<Integer>> a = p.isEmpty() ? Collections.emptyMap()
                        : Collections.unmodifiableMap(Map.of(topic, Collections.unmodifiableSet(p)));
                return () -> a;
            }
        };
        SubscribedTopicDescriber describer = new SubscribedTopicDescriber() {
            @Override
            public int numPartitions(Uuid topicId) {
                return shards.count();
            }

            @Override
            public Set<String> racksForPartition(Uuid topicId, int partition) {
                return Set.of();
            }
        };
        GroupAssignment result = new UniformAssignor().assign(spec, describer);
        Map<String, Set<Integer>> next = new HashMap<>();
        current.keySet().forEach(m -> next.put(m, new TreeSet<>()));
        result.members().forEach((m, a) -> next.put(m, new TreeSet<>(a.partitions().getOrDefault(topic, Set.of()))));
        assignment = next;
    }

    /** Shard → node. */
    Map<Integer, String> owners() {
        Map<Integer, String> owners = new HashMap<>();
        members.forEach((node, ids) -> ids.forEach(id -> assignment.get(id).forEach(s -> owners.put(s, node))));
        return owners;
    }

    double cameras(String node) {
        return sum(node, camerasPerShard);
    }

    double mbps(String node) {
        return sum(node, mbpsPerShard);
    }

    private double sum(String node, double[] perShard) {
        return members.get(node).stream().flatMap(id -> assignment.get(id).stream()).mapToDouble(s -> perShard[s])
                .sum();
    }

    double camerasIn(Set<Integer> shardSet) {
        return shardSet.stream().mapToDouble(s -> camerasPerShard[s]).sum();
    }

    Map<String, Integer> capacities() {
        return Map.copyOf(capacity);
    }

    int members(String node) {
        return members.get(node).size();
    }

    int totalMembers() {
        return assignment.size();
    }
}
