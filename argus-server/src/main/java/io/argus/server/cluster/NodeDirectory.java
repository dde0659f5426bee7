package io.argus.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.EventBus;
import io.argus.cluster.bus.Subscription;
import io.argus.cluster.bus.Topic;
import io.argus.cluster.shard.ShardRanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's nodes as they announce themselves: every node publishes its {@link NodeAnnouncement} on
 * {@link Topic#NODES} every {@link #PERIOD} and reads everyone's in a group of its own (so it gets them all). A node
 * not heard for {@link #SILENT_AFTER} is listed {@code unreachable}. Membership itself is the shard group's (Kafka
 * decides who owns what); this list adds what Kafka does not know: addresses, capacity, load.
 */
public final class NodeDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);
    /** Lenient on fields it does not know: during a rolling upgrade newer nodes announce more than this one reads. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** Three missed announcements: longer than a shard group session (1 s), so a dead node shows after its shards moved. */
    static final Duration SILENT_AFTER = PERIOD.multipliedBy(3);
    public static final String UNREACHABLE = "unreachable";

    /** A node as last heard, with the number of shards it owns. */
    public record Entry(NodeAnnouncement node, String state, int shards) {
    }

    private record Heard(NodeAnnouncement node, Instant at, BitSet shards) {
    }

    private final EventBus bus;
    private final Supplier<NodeAnnouncement> self;
    private final Clock clock;
    private final int shardCount;
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private final Subscription subscription;
    private final ScheduledExecutorService announcer;

    /**
     * Subscribes, announces this node at once and then every {@link #PERIOD}.
     *
     * @param shardCount the cluster's shard count: a node announcing shards past it is not believed to own them
     */
    public NodeDirectory(EventBus bus, Supplier<NodeAnnouncement> self, Clock clock, int shardCount) {
        this.bus = bus;
        this.shardCount = shardCount;
        this.self = self;
        this.clock = clock;
        this.subscription = bus.subscribe(Topic.NODES, "argus.nodes." + self.get().name(), this::hear);
        this.announcer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cluster-announcer").factory());
        announcer.scheduleAtFixedRate(() -> announce(self.get()), 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void hear(BusMessage m) throws JsonProcessingException {
        NodeAnnouncement n = JSON.readValue(m.payload(), NodeAnnouncement.class);
        BitSet shards;
        try {
            shards = ShardRanges.parse(n.shards(), shardCount);
        } catch (IllegalArgumentException e) {
            LOG.warn("node {} announced shards this node cannot read (another cluster.shards?): {}", n.name(),
                    e.getMessage());
            shards = new BitSet();
        }
        heard.put(n.name(), new Heard(n, clock.instant(), shards));
    }

    private void announce(NodeAnnouncement n) {
        try {
            bus.publish(new BusMessage(Topic.NODES, n.name(), JSON.writeValueAsString(n)));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("announcing {} failed: {}", n.name(), e.toString());
        }
    }

    /** Every node heard of, this one first (it is listed even before its own announcement comes back). */
    public List<Entry> nodes() {
        NodeAnnouncement me = self.get();
        Instant now = clock.instant();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(new Entry(me, me.state(),
                        ShardRanges.parse(me.shards(), shardCount).cardinality())),
                heard.values().stream().filter(h -> !h.node().name().equals(me.name()))
                        .sorted((a, b) -> a.node().name().compareTo(b.node().name()))
                        .map(h -> new Entry(h.node(), h.at().plus(SILENT_AFTER).isBefore(now)
                                ? UNREACHABLE : h.node().state(), h.shards().cardinality())))
                .toList();
    }

    /**
     * Another node that says it owns {@code shard} and was heard from lately: the one heard last when two say so
     * (for a moment during a hand-over both may). Empty when none does (its owner died and no one took it yet).
     */
    public Optional<NodeAnnouncement> ownerOf(int shard) {
        String me = self.get().name();
        Instant after = clock.instant().minus(SILENT_AFTER);
        return heard.values().stream().filter(h -> !h.node().name().equals(me) && h.shards().get(shard)
                        && NodeAnnouncement.UP.equals(h.node().state()) && h.at().isAfter(after))
                .max(Comparator.comparing(Heard::at)).map(Heard::node);
    }

    /** Stops announcing and says so, so others list this node as stopped at once. */
    @Override
    public void close() {
        announcer.shutdownNow();
        NodeAnnouncement me = self.get();
        announce(new NodeAnnouncement(me.name(), me.url(), NodeAnnouncement.STOPPED, me.cameras(), me.capacity(),
                me.rtsp(), "", me.version()));
        subscription.close();
    }
}
