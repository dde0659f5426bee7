package io.argus.server.roles;

import io.argus.cluster.bus.EventBus;
import io.argus.cluster.bus.InProcessEventBus;
import io.argus.cluster.bus.KafkaBusConfig;
import io.argus.cluster.bus.KafkaEventBus;
import io.argus.cluster.shard.KafkaShardAssignment;
import io.argus.cluster.shard.LocalShardAssignment;
import io.argus.cluster.shard.MemberPolicy;
import io.argus.cluster.shard.ShardAssignment;
import io.argus.cluster.shard.ShardGroupConfig;
import io.argus.cluster.shard.ShardListener;
import io.argus.cluster.shard.ShardRanges;
import io.argus.cluster.shard.Shards;
import io.argus.media.path.PathManager;
import io.argus.server.ArgusVersion;
import io.argus.server.api.cluster.ClusterResponse;
import io.argus.server.audit.AuditLog;
import io.argus.server.cluster.ChangePublisher;
import io.argus.server.cluster.NodeAnnouncement;
import io.argus.server.cluster.NodeDirectory;
import io.argus.server.cluster.ScaleHint;
import io.argus.server.config.ClusterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node as part of a cluster, or alone: the event bus (Kafka when {@code cluster.kafka} is set, else in-process),
 * the shard assignment (a Kafka consumer group, else this node owns every shard), the nodes' announcements, and the
 * publication of committed camera and user changes on the bus.
 */
public final class ClusterRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRole.class);

    private final ClusterConfig config;
    private final String node;
    private final PathManager paths;
    private final IntSupplier httpPort;
    private final IntSupplier rtspPort;
    private final Shards shards;
    private final EventBus bus;
    private ShardAssignment assignment;
    private NodeDirectory directory;

    /**
     * @param httpPort      the node's HTTP port, for the advertised URL when none is configured (bound after this role)
     * @param rtspPort      the node's RTSP port, announced for other nodes' live relays
     * @param shardListener told which shards this node owns ({@code ShardFollower}: ingest and recording follow)
     */
    public ClusterRole(ClusterConfig config, PathManager paths, AuditLog audit, IntSupplier httpPort,
                       IntSupplier rtspPort, Clock clock, ShardListener shardListener) {
        this.config = config;
        this.node = nodeName(config);
        this.paths = paths;
        this.httpPort = httpPort;
        this.rtspPort = rtspPort;
        this.shards = new Shards(config.shards());
        this.bus = config.clustered() ? new KafkaEventBus(new KafkaBusConfig(config.kafka(), node))
                : new InProcessEventBus(KafkaBusConfig.DEFAULT_MAX_ATTEMPTS);
        try {
            assignment = config.clustered()
                    ? new KafkaShardAssignment(new ShardGroupConfig(config.kafka(), node, config.capacity(), shards,
                            MemberPolicy.defaults(), ShardGroupConfig.DEFAULT_GROUP,
                            ShardGroupConfig.DEFAULT_SESSION_TIMEOUT, ShardGroupConfig.DEFAULT_HEARTBEAT),
                            shardListener, this::camerasIn)
                    : new LocalShardAssignment(shards, shardListener);
            assignment.start();
            directory = new NodeDirectory(bus, this::announcement, clock, shards.count());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        audit.addListener(new ChangePublisher(bus));
        LOG.info("node {}: {}", node, config.clustered() ? "in the cluster at " + config.kafka() : "single node");
    }

    /** This node's name in the cluster: {@code cluster.node}, or else the host name. */
    public static String nodeName(ClusterConfig config) {
        return config.node().isBlank() ? hostName() : config.node();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "argus";
        }
    }

    /** Cameras of this node whose shard is in {@code owned}. */
    private int camerasIn(Set<Integer> owned) {
        return (int) paths.paths().stream().filter(p -> owned.contains(shards.shardOf(p.id()))).count();
    }

    private NodeAnnouncement announcement() {
        String url = config.advertisedUrl().isBlank() ? "http://" + hostName() + ":" + httpPort.getAsInt()
                : config.advertisedUrl();
        Set<Integer> owned = assignment.owned().keySet();
        return new NodeAnnouncement(node, url, NodeAnnouncement.UP, camerasIn(owned), config.capacity(),
                "rtsp://" + URI.create(url).getHost() + ":" + rtspPort.getAsInt(), ShardRanges.format(owned),
                ArgusVersion.get());
    }

    /**
     * The node that owns the camera's shard: this one, or another as it announces itself; empty when none is known
     * to (its owner just died, or has not announced its new shards yet).
     */
    public Optional<NodeAnnouncement> ownerOf(String cameraId) {
        return owns(cameraId) ? Optional.of(announcement()) : directory.ownerOf(shards.shardOf(cameraId));
    }

    public EventBus bus() {
        return bus;
    }

    /** This node's name in the cluster ({@code cluster.node}, else the host's name). */
    public String node() {
        return node;
    }

    /** Whether this node owns the shard of the camera with this id (and so ingests and records it, if pulled). */
    public boolean owns(String cameraId) {
        return assignment.owned().containsKey(shards.shardOf(cameraId));
    }

    /** How many shards this node owns now. */
    public int ownedShards() {
        return assignment.owned().size();
    }

    /** Whether this node owns the camera's shard now (a single node owns every shard). */
    public boolean owns(UUID camera) {
        return assignment.owned().containsKey(shards.shardOf(camera.toString()));
    }

    /**
     * {@code GET /api/v1/cluster}: the nodes heard of, the shard count, the newest epoch this node holds, the scale
     * hint.
     */
    public ClusterResponse describe() {
        var nodes = directory.nodes().stream().map(e -> new ClusterResponse.Node(e.node().name(), e.node().url(),
                e.state(), e.node().cameras(), e.node().capacity(),
                Math.round(100.0 * e.node().cameras() / e.node().capacity()) / 100.0, e.shards(),
                e.node().version())).toList();
        long generation = assignment.owned().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new ClusterResponse(nodes, shards.count(), generation, scaleHint());
    }

    /** {@code argus_cluster_consumer_lag{group}} for each group this node is in, and the shards it owns. */
    public void bindMetrics(MeterRegistry registry) {
        for (String group : bus.groups()) {
            Gauge.builder("argus.cluster.consumer.lag", bus, b -> lagOrNaN(b, group)).tag("group", group)
                    .description("messages published to the group and not yet handled").register(registry);
        }
        Gauge.builder("argus.cluster.shards.owned", this, ClusterRole::ownedShards)
                .description("shards this node owns").register(registry);
        Gauge.builder("argus.node.cameras", this, r -> r.announcement().cameras())
                .description("cameras in the shards this node owns").register(registry);
        Gauge.builder("argus.node.capacity", this, r -> r.config.capacity())
                .description("cameras this node declares it can take (cluster.capacity)").register(registry);
        Gauge.builder("argus.node.utilisation", this, r -> (double) r.announcement().cameras() / r.config.capacity())
                .description("cameras over capacity; placement gives no new shards past 0.8").register(registry);
        Gauge.builder("argus.cluster.scale.hint", this, ClusterRole::scaleHint)
                .description("+1: a node is past 80 % and the others cannot take its excess; -1: the cluster would "
                        + "stay under 50 % without its smallest node; else 0").register(registry);
    }

    /** {@link ScaleHint} over the nodes that are up, as this node hears them. */
    public int scaleHint() {
        return ScaleHint.of(directory.nodes().stream().filter(e -> NodeAnnouncement.UP.equals(e.state()))
                .map(NodeDirectory.Entry::node).toList());
    }

    /** A scrape must not fail because Kafka is slow to answer: the gauge reads NaN then. */
    private static double lagOrNaN(EventBus bus, String group) {
        try {
            return bus.lag(group);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Gives this node's shards up, first thing when it stops, while the rest of it still runs: each camera is handed
     * over (its open chunk closed and indexed, its source dropped) and the members leave the group, so the new
     * owners start without waiting for the rest of the close (the bus's consumers take seconds to leave their
     * groups). {@link #close} then has no shards left to give.
     */
    public void handOver() {
        if (assignment != null) {
            assignment.close();
        }
    }

    @Override
    public void close() {
        if (directory != null) {
            directory.close();
        }
        if (assignment != null) {
            assignment.close();
        }
        bus.close();
    }
}
