package io.argus.cluster.shard;

/**
 * A node's capacity in the currency Kafka's server-side assignors understand: group members. The broker's uniform
 * assignor gives every member the same number of shards (±1), so a node running members in proportion to its
 * capacity gets shards in proportion to its capacity, with no client-side assignor (KIP-848 has none).
 *
 * @param camerasPerMember the capacity one member stands for, the same on every node of a cluster: smaller means
 *                         finer shares (less rounding) and more consumers per node
 * @param headroom         the utilisation (cameras owned / capacity) at and above which a node adds no member, so
 *                         it takes no new shards: 0.8
 */
public record MemberPolicy(int camerasPerMember, double headroom) {
    public static final int DEFAULT_CAMERAS_PER_MEMBER = 25;
    public static final double DEFAULT_HEADROOM = 0.8;

    public MemberPolicy {
        if (camerasPerMember < 1) {
            throw new IllegalArgumentException("camerasPerMember must be at least 1: " + camerasPerMember);
        }
        if (!(headroom > 0 && headroom <= 1)) {
            throw new IllegalArgumentException("headroom must be in (0, 1]: " + headroom);
        }
    }

    public static MemberPolicy defaults() {
        return new MemberPolicy(DEFAULT_CAMERAS_PER_MEMBER, DEFAULT_HEADROOM);
    }

    /** The members a node of this capacity runs when it has room: at least one. */
    public int targetMembers(int capacityCameras) {
        return Math.max(1, (capacityCameras + camerasPerMember - 1) / camerasPerMember);
    }

    /**
     * The member count to move to from {@code current}, one step at a time: down when above target (capacity
     * lowered), up while below target and under the headroom (the first member always, so a node always takes
     * part), else unchanged.
     */
    public int next(int current, int target, double utilisation) {
        if (current > target) {
            return current - 1;
        }
        if (current < target && (current == 0 || utilisation < headroom)) {
            return current + 1;
        }
        return current;
    }
}
