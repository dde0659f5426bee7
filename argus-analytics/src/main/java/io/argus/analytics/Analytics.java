package io.argus.analytics;

import io.argus.media.path.Path;
import io.argus.media.stream.BatchingExecutor;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The node's analytics, a reader of the stream hub like the recorder: one {@link CameraAnalytics} per camera, spread
 * over a few event loops of its own (decoding and inference use CPU, so never the network's loops). Each camera's
 * units are sampled adaptively, decoded only as sampling needs, checked for motion and handed, motion-gated, to the
 * {@link FrameAnalyzer}; the events go to the {@link EventSink}.
 */
public final class Analytics implements AutoCloseable {
    /**
     * How often an analytics loop takes what its cameras' streams queued: a wake-up a unit would cost as much as the
     * sampling saves; 100 ms adds at most that to an event's latency.
     */
    static final Duration READ_BATCH = Duration.ofMillis(100);

    private final AnalyticsConfig config;
    private final FrameAnalyzer analyzer;
    private final EventSink events;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final EventLoopGroup loops;
    private final Map<EventExecutor, BatchingExecutor> batches = new HashMap<>();
    private final Map<UUID, CameraAnalytics> cameras = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public Analytics(AnalyticsConfig config, FrameAnalyzer analyzer, EventSink events, Clock clock) {
        this(config, analyzer, events, clock, System::nanoTime);
    }

    /** @param nanoTime monotonic time, the clock of {@code AccessUnit#receivedNanos()} */
    public Analytics(AnalyticsConfig config, FrameAnalyzer analyzer, EventSink events, Clock clock,
                     LongSupplier nanoTime) {
        this.config = config;
        this.analyzer = analyzer;
        this.events = events;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.loops = new DefaultEventLoopGroup(config.threads(), new DefaultThreadFactory("argus-analytics", true));
        for (EventExecutor loop : loops) {
            batches.put(loop, new BatchingExecutor((SingleThreadEventExecutor) loop, READ_BATCH));
        }
    }

    /** Starts analysing a camera (its path's live sessions) with {@code settings}. */
    public void add(UUID tenant, UUID camera, Path path, AnalyticsSettings settings) {
        EventLoop loop = loops.next();
        CameraAnalytics c = new CameraAnalytics(this, tenant, camera, path, settings, loop, batches.get(loop));
        if (cameras.putIfAbsent(camera, c) != null) {
            throw new IllegalArgumentException("camera already analysed: " + camera);
        }
        c.start();
    }

    /** Applies new settings from the next sampled picture (zones and masks re-learn the background). */
    public void configure(UUID camera, AnalyticsSettings settings) {
        CameraAnalytics c = cameras.get(camera);
        if (c != null) {
            c.configure(settings);
        }
    }

    public void remove(UUID camera) {
        CameraAnalytics c = cameras.remove(camera);
        if (c != null) {
            c.close().syncUninterruptibly();
        }
    }

    public Optional<AnalyticsStats> stats(UUID camera) {
        CameraAnalytics c = cameras.get(camera);
        return c == null ? Optional.empty() : Optional.of(c.stats());
    }

    AnalyticsConfig config() {
        return config;
    }

    FrameAnalyzer analyzer() {
        return analyzer;
    }

    EventSink events() {
        return events;
    }

    boolean closing() {
        return closing;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * The wall time a unit was received at, from its monotonic receive time; units made without one (read from a
     * file: zero) count as received now.
     */
    Instant wallTime(long receivedNanos) {
        Instant now = clock.instant();
        return receivedNanos == 0 ? now : now.minusNanos(nanoTime.getAsLong() - receivedNanos);
    }

    /** Ends every camera's analysis (open motion periods end at their last motion), then the threads. */
    @Override
    public void close() {
        closing = true;
        List<Future<?>> closed = new ArrayList<>();
        for (UUID id : List.copyOf(cameras.keySet())) {
            CameraAnalytics c = cameras.remove(id);
            if (c != null) {
                closed.add(c.close());
            }
        }
        closed.forEach(Future::syncUninterruptibly);
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        analyzer.close();
    }
}
