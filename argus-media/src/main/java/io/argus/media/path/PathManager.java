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
import java.util.function.Function;

/**
 * All paths of this node, found by id or by name (RTSP URLs use either). Adding, changing or removing a path
 * takes effect at once.
 */
public final class PathManager implements AutoCloseable {
    private final List<SourceConnector> connectors;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final CaptureLatency latency = new CaptureLatency();
    private final Map<String, Path> byId = new ConcurrentHashMap<>();
    private final Map<String, Path> byName = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> rateTicker;
    private volatile Function<String, Optional<Path>> publishCreator = name -> Optional.empty();

    public PathManager(List<SourceConnector> connectors, ScheduledExecutorService scheduler, Backoff backoff) {
        this.connectors = List.copyOf(connectors);
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.rateTicker = scheduler.scheduleAtFixedRate(this::sampleRates, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Adds a path and starts it.
     *
     * @param source null for a path fed by a publisher
     * @throws IllegalArgumentException if the id or name is taken
     */
    public synchronized Path add(String id, String name, SourceConfig source, boolean enabled) {
        if (byId.containsKey(id) || byName.containsKey(name) || byId.containsKey(name) || byName.containsKey(id)) {
            throw new IllegalArgumentException("path id or name already in use: " + name);
        }
        Path p = new Path(id, name, source, enabled, connectors, scheduler, backoff, latency);
        byId.put(id, p);
        byName.put(name, p);
        p.start();
        return p;
    }

    /** Renames a path (RTSP URLs by name follow); the source keeps running. */
    public synchronized void rename(String id, String newName) {
        Path p = byId.get(id);
        if (p == null || p.name().equals(newName)) {
            return;
        }
        if (byName.containsKey(newName) || byId.containsKey(newName)) {
            throw new IllegalArgumentException("path name already in use: " + newName);
        }
        byName.remove(p.name());
        p.rename(newName);
        byName.put(newName, p);
    }

    /** Stops and removes a path; its readers are closed. */
    public synchronized void remove(String id) {
        Path p = byId.remove(id);
        if (p != null) {
            byName.remove(p.name());
            p.close();
        }
    }

    /** Finds a path by id or by name. */
    public Optional<Path> get(String idOrName) {
        Path p = byId.get(idOrName);
        return Optional.ofNullable(p != null ? p : byName.get(idOrName));
    }

    /** Source-to-hub latency of every stream of this node that carries capture-time SEI. */
    public CaptureLatency latency() {
        return latency;
    }

    public Collection<Path> paths() {
        return byId.values();
    }

    /**
     * Decides what happens when a publisher announces a path that does not exist: the function may create it
     * (e.g. the server adds a camera named by the path) and return it, or return empty to refuse.
     */
    public void setPublishCreator(Function<String, Optional<Path>> creator) {
        this.publishCreator = creator;
    }

    /** The path a publisher pushing to {@code name} feeds: an existing one, or one the publish creator makes. */
    public Optional<Path> publishTarget(String name) {
        Optional<Path> existing = get(name);
        return existing.isPresent() ? existing : publishCreator.apply(name);
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
        byName.clear();
    }
}
