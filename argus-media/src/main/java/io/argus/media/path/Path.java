package io.argus.media.path;

import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.CaptureLatency;
import io.argus.media.stream.Stream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control side of one camera: supervises its source (one {@link SourceAttempt} at a time, reconnect with
 * {@link Backoff}), or accepts one publisher, and creates a fresh {@link Stream} for each live session.
 *
 * <p>Control calls (configure, enable, close) come from API threads and source callbacks from event loops;
 * both take this object's monitor, which is never held on the packet path.
 */
public final class Path {
    private static final Logger LOG = LoggerFactory.getLogger(Path.class);

    /** A session live this long counts as healthy: the next failure retries from the shortest backoff. */
    static final long HEALTHY_SESSION_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String id;
    private volatile String name;
    private final List<SourceConnector> connectors;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final CaptureLatency latency;
    private final SourceCounters counters = new SourceCounters();
    private final RateMeter rates = new RateMeter();
    private final CopyOnWriteArrayList<Consumer<Stream>> streamListeners = new CopyOnWriteArrayList<>();

    private SourceConfig source;
    private Supplier<SourceConfig> relay;
    private final Consumer<Path> demandListener;
    private boolean enabled;
    private boolean pull;
    private boolean closed;
    private int generation;
    private SourceAttempt attempt;
    private ScheduledFuture<?> retry;
    private int failures;
    private boolean publisherActive;
    private volatile PathState state;
    private volatile String lastError;
    private volatile Stream stream;
    private volatile long liveSinceNanos;
    private volatile long reconnects;

    Path(String id, String name, SourceConfig source, boolean enabled, boolean pull, List<SourceConnector> connectors,
         ScheduledExecutorService scheduler, Backoff backoff, CaptureLatency latency, Consumer<Path> demandListener) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.connectors = connectors;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.latency = latency;
        this.demandListener = demandListener;
        this.source = source;
        this.enabled = enabled;
        this.pull = pull;
        this.state = !enabled ? PathState.DISABLED : source == null ? PathState.WAITING
                : pull ? PathState.CONNECTING : PathState.REMOTE;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    /** The current live stream, or null when not live. */
    public Stream stream() {
        return stream;
    }

    public PathState state() {
        return state;
    }

    public SourceCounters counters() {
        return counters;
    }

    /** Called with each new live stream (after every reconnect), on the stream's writer thread. */
    public void onStream(Consumer<Stream> listener) {
        streamListeners.add(listener);
        Stream s = stream;
        if (s != null) {
            listener.accept(s);
        }
    }

    public void removeStreamListener(Consumer<Stream> listener) {
        streamListeners.remove(listener);
    }

    /** Applies a new source and enabled flag at once: the current session ends and a new one starts. */
    public synchronized void configure(SourceConfig newSource, boolean newEnabled) {
        this.source = newSource;
        this.enabled = newEnabled;
        failures = 0;
        restart();
    }

    /**
     * Whether this node pulls the source: in a cluster only the owner of the camera's shard does, and the path of
     * every other node stays {@link PathState#REMOTE}, without a connection. Turning it off ends the session (its
     * stream and readers close) and closes the source connection.
     */
    public synchronized void pull(boolean here) {
        if (pull != here) {
            pull = here;
            failures = 0;
            restart();
        }
    }

    /**
     * Feeds this path from a relay instead of its own source (another node's re-stream of the camera) until called
     * with null: the current session ends and one with the relay (or the own source again) starts.
     *
     * @param relaySource asked for a fresh source at each attempt (a credential that expires, an owner that moved)
     */
    public synchronized void relayFrom(Supplier<SourceConfig> relaySource) {
        this.relay = relaySource;
        failures = 0;
        restart();
    }

    /** Whether the path is fed from a relay now. */
    public synchronized boolean relayed() {
        return relay != null;
    }

    /**
     * A viewer wants this path's stream: the manager's demand listener ({@link PathManager#onDemand}) hears of it
     * (and may start a relay), and the result completes with the live stream, at once when there is one, else when
     * one goes live. Only a relay is started by a demand, so a path that is not live and not relayed completes at
     * once with null (a disabled camera, one that is offline): the caller bounds the wait for a relay. Fails with
     * what the listener threw when the demand cannot be met (no node owns the camera).
     */
    public CompletableFuture<Stream> demand() {
        try {
            demandListener.accept(this);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        synchronized (this) {
            if (stream == null && relay == null) {
                return CompletableFuture.completedFuture(null);
            }
        }
        CompletableFuture<Stream> live = new CompletableFuture<>();
        Consumer<Stream> first = live::complete;
        onStream(first);
        live.whenComplete((s, e) -> removeStreamListener(first));
        return live;
    }

    synchronized void start() {
        restart();
    }

    private void restart() {
        endSession();
        if (closed) {
            return;
        }
        if (!enabled) {
            setState(PathState.DISABLED, null);
        } else if (relay != null) {
            connect();
        } else if (source == null) {
            setState(PathState.WAITING, null);
        } else if (!pull) {
            setState(PathState.REMOTE, null);
        } else {
            connect();
        }
    }

    private void connect() {
        SourceConfig from = relay != null ? relay.get() : source;
        SourceConnector connector = connectors.stream().filter(c -> c.supports(from)).findFirst().orElse(null);
        if (connector == null) {
            setState(PathState.FAILED, "unsupported source URL scheme: " + from.url().getScheme());
            return;
        }
        int gen = ++generation;
        setState(PathState.CONNECTING, lastError);
        attempt = connector.connect(from, new SessionListener(gen, false), counters);
    }

    private void endSession() {
        generation++;
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (attempt != null) {
            SourceAttempt a = attempt;
            attempt = null;
            a.close();
        }
        closeStream();
    }

    private void closeStream() {
        Stream s = stream;
        if (s != null) {
            stream = null;
            s.close();
        }
        liveSinceNanos = 0;
    }

    private Stream goLive(List<MediaFormat> formats, Executor writer) {
        closeStream();
        Stream s = new Stream(name, formats, writer, latency);
        stream = s;
        liveSinceNanos = System.nanoTime();
        setState(PathState.LIVE, null);
        writer.execute(() -> streamListeners.forEach(l -> l.accept(s)));
        return s;
    }

    private void attemptEnded(int gen, String reason) {
        if (gen != generation || closed) {
            return;
        }
        attempt = null;
        boolean wasHealthy = liveSinceNanos != 0 && System.nanoTime() - liveSinceNanos >= HEALTHY_SESSION_NANOS;
        closeStream();
        failures = wasHealthy ? 0 : failures + 1;
        long delay = backoff.delayMillis(failures - 1 < 0 ? 0 : failures - 1);
        LOG.info("path {}: source ended ({}); retrying in {} ms", name, reason, delay);
        setState(PathState.RETRYING, reason);
        reconnects++;
        retry = scheduler.schedule(this::retryNow, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void retryNow() {
        retry = null;
        if (!closed && enabled && (relay != null || pull && source != null) && attempt == null) {
            connect();
        }
    }

    /**
     * Claims this path for a publisher (RTSP ANNOUNCE/RECORD). Returns null if the path pulls from a source,
     * is disabled, or already has a publisher.
     */
    public synchronized SourceListener acquirePublisher() {
        if (closed || !enabled || source != null || relay != null || publisherActive) {
            return null;
        }
        publisherActive = true;
        return new SessionListener(++generation, true);
    }

    private void publisherEnded(int gen, String reason) {
        if (gen == generation) {
            publisherActive = false;
            closeStream();
            setState(enabled ? PathState.WAITING : PathState.DISABLED, reason);
        }
    }

    synchronized void close() {
        closed = true;
        endSession();
        setState(PathState.DISABLED, null);
    }

    private void setState(PathState s, String error) {
        state = s;
        lastError = error;
    }

    void sampleRates(long nowNanos) {
        rates.sample(nowNanos, counters.frames(), counters.bytes());
    }

    public PathStatus status() {
        Stream s = stream;
        VideoInfo video = s == null ? null : VideoInfo.of(s.formats());
        long live = liveSinceNanos;
        return new PathStatus(state, lastError,
                video == null ? null : video.codec(), video == null ? null : video.profile(),
                video == null ? 0 : video.width(), video == null ? 0 : video.height(),
                s == null ? 0 : rates.fps(), s == null ? 0 : rates.bitrateBps(),
                counters.frames(), counters.bytes(), counters.packetsLost(), counters.packetsInvalid(),
                counters.framesDropped(), reconnects,
                live == 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - live),
                s == null ? 0 : s.readerCount(), s == null ? null : counters.timestampFault(),
                counters.framesRetimed());
    }

    /** What one session (a source attempt or a publisher) reports; reports from an older session are ignored. */
    private final class SessionListener implements SourceListener {
        private final int gen;
        private final boolean publisher;

        SessionListener(int gen, boolean publisher) {
            this.gen = gen;
            this.publisher = publisher;
        }

        @Override
        public Stream onReady(List<MediaFormat> formats, Executor writer) {
            synchronized (Path.this) {
                return gen == generation ? goLive(formats, writer) : null;
            }
        }

        @Override
        public void onEnded(String reason) {
            synchronized (Path.this) {
                if (publisher) {
                    publisherEnded(gen, reason);
                } else {
                    attemptEnded(gen, reason);
                }
            }
        }
    }
}
