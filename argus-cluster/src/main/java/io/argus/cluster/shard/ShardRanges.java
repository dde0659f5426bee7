package io.argus.cluster.shard;

import java.util.BitSet;
import java.util.Collection;

/**
 * A set of shards written compactly for a node's announcement: ascending ranges, {@code "0-15,32-47,60"}. A node's
 * shards come from a sticky assignor in runs, so a share of 4096 is a few dozen characters, not a 4096-bit map.
 */
public final class ShardRanges {
    private ShardRanges() {
    }

    /** The shards as ranges; {@code ""} for none. */
    public static String format(Collection<Integer> shards) {
        BitSet set = new BitSet();
        shards.forEach(set::set);
        StringBuilder out = new StringBuilder();
        for (int from = set.nextSetBit(0); from >= 0; ) {
            int to = set.nextClearBit(from) - 1;
            out.append(out.isEmpty() ? "" : ",").append(from);
            if (to > from) {
                out.append('-').append(to);
            }
            from = set.nextSetBit(to + 1);
        }
        return out.toString();
    }

    /**
     * The shards of {@link #format}'s text.
     *
     * @param count the cluster's shard count: a shard at or past it is refused, so a node announcing another count
     *              cannot claim what it cannot own
     * @throws IllegalArgumentException on text that is not ascending ranges below {@code count}
     */
    public static BitSet parse(String text, int count) {
        BitSet set = new BitSet(count);
        if (text == null || text.isEmpty()) {
            return set;
        }
        for (String range : text.split(",")) {
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            if (from < 0 || to < from || to >= count) {
                throw new IllegalArgumentException("not a shard range below " + count + ": " + range);
            }
            set.set(from, to + 1);
        }
        return set;
    }
}
