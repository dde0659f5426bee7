package io.argus.cluster.shard;

import io.argus.testkit.ChildJvm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shard ownership over time, replayed from the lines {@link ShardNodeMain} children print, each stamped with
 * {@code System.nanoTime} (CLOCK_MONOTONIC, one clock for all JVMs of the machine). Keeps every run of every node,
 * ended ones too, so a hand-over can be checked after the fact.
 */
final class ShardOwnership {
    /** One child JVM's life; {@code endedAt} when killed or terminated, else Long.MAX_VALUE. */
    private static final class Run {
        final String name;
        final ChildJvm child;
        volatile long endedAt = Long.MAX_VALUE;

        Run(String name, ChildJvm child) {
            this.name = name;
            this.child = child;
        }
    }

    /** A shard held by one run from {@code from} to {@code to}, assigned in {@code epoch}. */
    record Interval(String run, long epoch, long from, long to) {
    }

    private final List<Run> runs = new ArrayList<>();

    synchronized void add(String name, ChildJvm child) {
        runs.add(new Run(name, child));
    }

    synchronized ChildJvm live(String name) {
        return liveRun(name).child;
    }

    private Run liveRun(String name) {
        return runs.stream().filter(r -> r.name.equals(name) && r.endedAt == Long.MAX_VALUE).findFirst()
                .orElseThrow();
    }

    /** Marks the live run of {@code name} as ended at {@code nanos}: what it held is not held from then on. */
    synchronized void ended(String name, long nanos) {
        liveRun(name).endedAt = nanos;
    }

    /** Shard → node, for the runs not ended. */
    synchronized Map<Integer, String> owners() {
        Map<Integer, String> owners = new HashMap<>();
        for (Run r : runs) {
            if (r.endedAt == Long.MAX_VALUE) {
                intervals(r).forEach((shard, list) -> {
                    if (list.getLast().to == Long.MAX_VALUE) {
                        owners.put(shard, r.name);
                    }
                });
            }
        }
        return owners;
    }

    /** Shard → the run's holding intervals, in order. */
    private static Map<Integer, List<Interval>> intervals(Run r) {
        Map<Integer, List<Interval>> all = new TreeMap<>();
        Map<Integer, long[]> open = new HashMap<>();
        String id = r.name + "@" + Integer.toHexString(System.identityHashCode(r));
        for (String l : r.child.output()) {
            String[] f = l.split(" ");
            if (f.length != 5 || !List.of("ASSIGNED", "REVOKED", "LOST").contains(f[0])) {
                continue;
            }
            long epoch = Long.parseLong(f[2]);
            long at = Long.parseLong(f[4]);
            for (String s : f[3].split(",")) {
                int shard = Integer.parseInt(s);
                if (f[0].equals("ASSIGNED")) {
                    open.put(shard, new long[] {epoch, at});
                } else if (open.containsKey(shard)) {
                    long[] o = open.remove(shard);
                    all.computeIfAbsent(shard, k -> new ArrayList<>()).add(new Interval(id, o[0], o[1], at));
                }
            }
        }
        open.forEach((shard, o) -> all.computeIfAbsent(shard, k -> new ArrayList<>())
                .add(new Interval(id, o[0], o[1], r.endedAt)));
        return all;
    }

    /**
     * The nanoseconds from {@code since} to the last first-assignment, after {@code since}, of any of
     * {@code shards} to a run: when they were all owned again.
     */
    synchronized long lastAssignedAfter(List<Integer> shards, long since) {
        Map<Integer, Long> first = new HashMap<>();
        for (Run r : runs) {
            intervals(r).forEach((shard, list) -> list.stream().filter(i -> i.from > since).findFirst()
                    .ifPresent(i -> first.merge(shard, i.from, Math::min)));
        }
        return shards.stream().mapToLong(s -> first.get(s) - since).max().orElse(0);
    }

    /**
     * Every moment a shard had two owners, as "shard: ms, epoch a then b". Kafka allows it for a moment (a member
     * loses a shard it had not yet acknowledged, or was fenced, and hears of it after the new owner started); what
     * makes it safe is that the newer owner always has the higher epoch, so a chunk store that keeps the highest
     * epoch per camera fences the older writer out. An overlap where the epoch does not grow fails here.
     */
    synchronized List<String> overlaps() {
        Map<Integer, List<Interval>> byShard = new TreeMap<>();
        for (Run r : runs) {
            intervals(r).forEach((shard, list) -> byShard.computeIfAbsent(shard, k -> new ArrayList<>())
                    .addAll(list));
        }
        List<String> overlaps = new ArrayList<>();
        byShard.forEach((shard, list) -> {
            list.sort((a, b) -> Long.compare(a.from, b.from));
            for (int i = 1; i < list.size(); i++) {
                Interval prev = list.get(i - 1);
                Interval next = list.get(i);
                if (!prev.run.equals(next.run) && next.epoch <= prev.epoch) {
                    throw new AssertionError("shard " + shard + ": epoch did not grow from " + prev + " to " + next
                            + lines());
                }
                if (next.from < prev.to && !prev.run.equals(next.run)) {
                    overlaps.add(shard + ": " + (prev.to - next.from) / 1_000_000 + " ms, epoch " + prev.epoch
                            + " then " + next.epoch);
                }
            }
        });
        return overlaps;
    }

    synchronized String lines() {
        StringBuilder b = new StringBuilder();
        for (Run r : runs) {
            b.append("\n--- ").append(r.name).append(r.endedAt == Long.MAX_VALUE ? "" : " (ended)").append(":\n")
                    .append(String.join("\n", r.child.output()));
        }
        return b.toString();
    }

    synchronized void closeAll() throws InterruptedException {
        for (Run r : runs) {
            r.child.close();
        }
    }
}
