package io.argus.cluster.shard;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The embedded single node: it owns every shard, in epoch 1, from start to close. */
public final class LocalShardAssignment implements ShardAssignment {
    public static final long EPOCH = 1;

    private final Shards shards;
    private final ShardListener listener;
    private final Map<Integer, Long> owned = new TreeMap<>();

    public LocalShardAssignment(Shards shards, ShardListener listener) {
        this.shards = shards;
        this.listener = listener;
    }

    @Override
    public synchronized void start() {
        Set<Integer> all = IntStream.range(0, shards.count()).boxed().collect(Collectors.toSet());
        all.forEach(s -> owned.put(s, EPOCH));
        listener.onShardsAssigned(all, EPOCH);
    }

    @Override
    public Shards shards() {
        return shards;
    }

    @Override
    public synchronized Map<Integer, Long> owned() {
        return Map.copyOf(owned);
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public synchronized void close() {
        if (!owned.isEmpty()) {
            Set<Integer> all = Set.copyOf(owned.keySet());
            owned.clear();
            listener.onShardsRevoked(all, EPOCH);
        }
    }
}
