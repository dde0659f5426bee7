package io.argus.server.cluster;

import io.argus.media.path.DemandRefusedException;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.Transport;
import io.argus.media.stream.Stream;
import io.argus.server.auth.Action;
import io.argus.server.auth.NodeTokenSigner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live view of cameras this node does not own (docs/cluster.md, "Any node serves any camera"): when a viewer asks a
 * camera's path for its stream ({@link Path#demand}) and another node owns the camera's shard, the path is fed from
 * that node's RTSP re-stream, with a relay {@link io.argus.server.auth.NodeToken} as the credential, through the
 * same RTSP client ingest uses. Every live output (WebSocket, LL-HLS, RTSP, snapshot, WHEP) then reads the path as
 * it would a camera's. The relay stops once the path has had no reader for {@code idle}, or when this node comes
 * to own the camera. A path that is live already (a publisher pushed the camera to this node) is left alone.
 */
public final class LiveRelays implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRelays.class);
    /** The RTSP user name of a relay; the owner reads only the token in the password. */
    static final String USER = "argus-node";

    private final Predicate<String> owns;
    private final Function<String, Optional<NodeAnnouncement>> ownerOf;
    private final Function<UUID, Optional<UUID>> tenantOf;
    private final String node;
    private final NodeTokenSigner tokens;
    private final long idleNanos;
    private final Map<String, Long> idleSince = new ConcurrentHashMap<>();
    private final Map<String, Path> relayed = new ConcurrentHashMap<>();
    private final LongAdder started = new LongAdder();
    private final ScheduledExecutorService sweeper;

    /**
     * @param owns     whether this node owns a camera (by id)
     * @param ownerOf  the other node that owns a camera, as it announces itself
     * @param tenantOf a camera's tenant
     * @param idle     how long a relay outlives its last reader
     */
    public LiveRelays(PathManager paths, Predicate<String> owns, Function<String, Optional<NodeAnnouncement>> ownerOf,
                      Function<UUID, Optional<UUID>> tenantOf, String node, NodeTokenSigner tokens, Duration idle) {
        this.owns = owns;
        this.ownerOf = ownerOf;
        this.tenantOf = tenantOf;
        this.node = node;
        this.tokens = tokens;
        this.idleNanos = idle.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("live-relays").factory());
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        paths.onDemand(this::demanded);
    }

    private void demanded(Path p) {
        String camera = p.id();
        if (owns.test(camera)) {
            if (relayed.remove(camera) != null) {
                stop(p, "this node owns it now");
            }
            return;
        }
        idleSince.remove(camera);
        if (relayed.containsKey(camera) || p.stream() != null) {
            return;
        }
        NodeAnnouncement owner = ownerOf.apply(camera).orElseThrow(() -> noOwner(camera));
        UUID tenant = tenantOf.apply(UUID.fromString(camera)).orElseThrow(() -> noOwner(camera));
        if (relayed.putIfAbsent(camera, p) == null) {
            LOG.info("relaying camera {} from node {} ({})", camera, owner.name(), owner.rtsp());
            started.increment();
            p.relayFrom(() -> source(camera, tenant, owner));
        }
    }

    private static DemandRefusedException noOwner(String camera) {
        return new DemandRefusedException("no node owns camera " + camera
                + " now (its node may have just stopped); try again in a moment");
    }

    /** The owner's re-stream, asked at each attempt: the owner may have moved, and a token expires. */
    private SourceConfig source(String camera, UUID tenant, NodeAnnouncement first) {
        NodeAnnouncement owner = ownerOf.apply(camera).orElse(first);
        return new SourceConfig(URI.create(owner.rtsp() + "/" + camera), USER,
                tokens.mint(node, tenant, UUID.fromString(camera), null, Set.of(Action.VIEW_LIVE)), Transport.TCP);
    }

    private void sweep() {
        long now = System.nanoTime();
        relayed.forEach((camera, p) -> {
            Stream s = p.stream();
            boolean mine = owns.test(camera);
            if (!mine && s != null && s.readerCount() > 0) {
                idleSince.remove(camera);
                return;
            }
            long since = idleSince.computeIfAbsent(camera, c -> now);
            if (mine || now - since >= idleNanos) {
                relayed.remove(camera, p);
                idleSince.remove(camera);
                stop(p, mine ? "this node owns it now" : "no viewer left");
            }
        });
    }

    private static void stop(Path p, String why) {
        LOG.info("relay of camera {} stopped: {}", p.id(), why);
        p.relayFrom(null);
    }

    /** Relays running now. */
    public int open() {
        return relayed.size();
    }

    /** {@code argus_cluster_relays_open} and {@code argus_cluster_relays_started_total}. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("argus.cluster.relays.open", this, LiveRelays::open)
                .description("cameras this node relays from their owning node now").register(registry);
        FunctionCounter.builder("argus.cluster.relays.started", started,
                LongAdder::sum).description("relays started since this node started").register(registry);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
