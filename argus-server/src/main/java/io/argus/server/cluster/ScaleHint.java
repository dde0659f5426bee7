package io.argus.server.cluster;

import java.util.List;

/**
 * Whether the cluster wants a node more or one less, from the nodes' announced cameras and capacities: what an
 * autoscaler (a Kubernetes HPA on {@code argus_cluster_scale_hint}, a script) acts on.
 *
 * <ul>
 *   <li>{@code +1}: a node is above {@link #HIGH} of its capacity and the others, kept at or under {@link #HIGH}
 *       themselves, have no room for its excess (placement stops giving a node shards at 80 %, so its cameras have
 *       nowhere to go);</li>
 *   <li>{@code -1}: there are two nodes or more and, without the smallest one, the cluster would still be under
 *       {@link #LOW} of its capacity;</li>
 *   <li>{@code 0}: otherwise.</li>
 * </ul>
 */
public final class ScaleHint {
    /** The load past which a node takes no new shards. */
    public static final double HIGH = 0.8;
    /** The load the cluster must stay under, without a node, for a node to be given back. */
    public static final double LOW = 0.5;

    private ScaleHint() {
    }

    /** The hint for these nodes (those that are up). */
    public static int of(List<NodeAnnouncement> nodes) {
        for (NodeAnnouncement n : nodes) {
            long excess = n.cameras() - highMark(n);
            if (excess > 0 && excess > roomBesides(nodes, n)) {
                return 1;
            }
        }
        if (nodes.size() < 2) {
            return 0;
        }
        long cameras = nodes.stream().mapToLong(NodeAnnouncement::cameras).sum();
        long capacity = nodes.stream().mapToLong(NodeAnnouncement::capacity).sum();
        long smallest = nodes.stream().mapToLong(NodeAnnouncement::capacity).min().orElse(0);
        return cameras < LOW * (capacity - smallest) ? -1 : 0;
    }

    private static long highMark(NodeAnnouncement n) {
        return (long) Math.floor(HIGH * n.capacity());
    }

    private static long roomBesides(List<NodeAnnouncement> nodes, NodeAnnouncement busy) {
        return nodes.stream().filter(n -> n != busy).mapToLong(n -> Math.max(0, highMark(n) - n.cameras())).sum();
    }
}
