package io.argus.media.path;

import io.argus.media.stream.CaptureLatency;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * All paths of this node, found by id. Adding, changing or removing a path takes effect at once.
 *
 * <p>Names are for people (metrics, SDP) and need not be unique: two tenants may each have a camera called
 * {@code lobby}. Which path a name in a URL means is the protocol's authenticator's business (it knows who asks);
 * it hands the server the path's id.
 */
public final class PathManager implements AutoCloseable {
    private final List<SourceConnector> connectors;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final CaptureLatency latency = new CaptureLatency();
    private final boolean measureLatency;
    private final Map<String, Path> byId = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> rateTicker;
    private volatile Consumer<Path> demandListener = path -> { };
    private volatile BiFunction<String, String, Optional<Path>> publishCreator = (name, protocol) -> Optional.empty();

    public PathManager(List<SourceConnector> connectors, ScheduledExecutorService scheduler, Backoff backoff) {
        this(connectors, scheduler, backoff, true);
    }

    /**
     * @param measureLatency whether streams measure source-to-hub latency into {@link #latency()}: a scan of every
     *                       video unit for a capture-time SEI and a shared histogram update per frame, which a camera
     *                       simulator (it stamps the SEI itself) does not need
     */
    public PathManager(List<SourceConnector> connectors, ScheduledExecutorService scheduler, Backoff backoff,
                       boolean measureLatency) {
        this.measureLatency = measureLatency;
        this.connectors = List.copyOf(connectors);
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.rateTicker = scheduler.scheduleAtFixedRate(this::sampleRates, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Adds a path and starts it.
     *
     * @param source null for a path fed by a publisher
     * @throws IllegalArgumentException if the id is taken
     */
    public synchronized Path add(String id, String name, SourceConfig source, boolean enabled) {
        return add(id, name, source, enabled, true);
    }

    /**
     * Adds a path and starts it.
     *
     * @param source null for a path fed by a publisher
     * @param pull   whether this node pulls the source (see {@link Path#pull}); a publisher's path ignores it
     * @throws IllegalArgumentException if the id is taken
     */
    public synchronized Path add(String id, String name, SourceConfig source, boolean enabled, boolean pull) {
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("path id already in use: " + id);
        }
        Path p = new Path(id, name, source, enabled, pull, connectors, scheduler, backoff,
                measureLatency ? latency : null, path -> demandListener.accept(path));
        byId.put(id, p);
        p.start();
        return p;
    }

    /** Renames a path; the source keeps running. */
    public synchronized void rename(String id, String newName) {
        Path p = byId.get(id);
        if (p != null) {
            p.rename(newName);
        }
    }

    /** Stops and removes a path; its readers are closed. */
    public synchronized void remove(String id) {
        Path p = byId.remove(id);
        if (p != null) {
            p.close();
        }
    }

    public Optional<Path> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Source-to-hub latency of every stream of this node that carries capture-time SEI (when measured). */
    public CaptureLatency latency() {
        return latency;
    }

    public Collection<Path> paths() {
        return byId.values();
    }

    /**
     * Hears every {@link Path#demand} (a viewer wants a path's stream) of every path, present and future: a node
     * that relays the cameras it does not own from their owner starts the relay there. It may throw to refuse.
     */
    public void onDemand(Consumer<Path> listener) {
        this.demandListener = listener;
    }

    /**
     * Decides what happens when a publisher announces a path that does not exist: the function gets the key its
     * authenticator resolved the URL to and may create the path (e.g. the server adds a camera named by the URL)
     * and return it, or return empty to refuse. It also gets the publisher's protocol ({@code RTSP}, {@code RTMP}),
     * for its log.
     */
    public void setPublishCreator(BiFunction<String, String, Optional<Path>> creator) {
        this.publishCreator = creator;
    }

    /**
     * The path a publisher pushing to {@code key} feeds: the one of that id, or one the publish creator makes.
     *
     * @param protocol the publisher's protocol ({@code RTSP}, {@code RTMP}), for the creator's log
     */
    public Optional<Path> publishTarget(String key, String protocol) {
        Optional<Path> existing = get(key);
        return existing.isPresent() ? existing : publishCreator.apply(key, protocol);
    }

    private void sampleRates() {
        long now = System.nanoTime();
        for (Path p : byId.values()) {
            p.sampleRates(now);
        }
    }

    @Override
    public synchronized void close() {
        rateTicker.cancel(false);
        for (Path p : byId.values()) {
            p.close();
        }
        byId.clear();
    }
}
