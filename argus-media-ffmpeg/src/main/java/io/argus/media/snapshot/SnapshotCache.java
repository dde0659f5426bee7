package io.argus.media.snapshot;

import io.argus.media.stream.Stream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The last snapshot per camera and options, kept for a short time, so a wall of viewers polling a camera costs
 * one decode per {@code ttl} instead of one per request. Requests that come while a snapshot is being made wait
 * for that one instead of decoding the same keyframe again. Failures are not kept: the next request tries again.
 */
public final class SnapshotCache {

    /** A second: fresh enough for a picture polled as a thumbnail, and at most one decode a second per camera. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    /**
     * Most decodes at once on this node: half the cores. Decoding runs in native code, which pins a virtual
     * thread to its carrier; a burst of snapshot requests for many cameras must leave carriers for the API.
     */
    static final int MAX_CONCURRENT_RENDERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /** Entries kept before the stale ones are swept: one per camera and distinct width, on a large node. */
    static final int SWEEP_ABOVE = 4096;

    private record Key(String camera, SnapshotOptions options) {
    }

    private record Entry(CompletableFuture<Snapshot> result, Instant startedAt) {
    }

    private final FfmpegSnapshotRenderer renderer;
    private final Clock clock;
    private final Duration ttl;
    private final Duration keyframeWait;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Semaphore renders = new Semaphore(MAX_CONCURRENT_RENDERS);
    private final LongAdder rendered = new LongAdder();

    /**
     * @param clock        the time a snapshot is kept against (tests pass a manual one)
     * @param keyframeWait how long to wait for a keyframe when a stream has none cached
     */
    public SnapshotCache(FfmpegSnapshotRenderer renderer, Clock clock, Duration ttl, Duration keyframeWait) {
        if (ttl.isNegative() || keyframeWait.isNegative() || keyframeWait.isZero()) {
            throw new IllegalArgumentException("ttl must be >= 0 and keyframeWait > 0");
        }
        this.renderer = renderer;
        this.clock = clock;
        this.ttl = ttl;
        this.keyframeWait = keyframeWait;
    }

    /**
     * The camera's latest snapshot: a kept one younger than the ttl, the one being made now, or a new one from
     * the stream's latest keyframe. Blocks (decodes on the calling thread): call it from a virtual thread.
     *
     * @param camera the cache key: the camera's stable id
     */
    public Snapshot get(String camera, Stream stream, SnapshotOptions options)
            throws SnapshotException, InterruptedException {
        Key key = new Key(camera, options);
        for (;;) {
            Instant now = clock.instant();
            Entry e = entries.get(key);
            if (e != null && (!e.result.isDone() || fresh(e, now))) {
                return await(e.result);
            }
            Entry mine = new Entry(new CompletableFuture<>(), now);
            boolean won = e == null ? entries.putIfAbsent(key, mine) == null : entries.replace(key, e, mine);
            if (won) {
                return make(key, mine, stream, options);
            }
        }
    }

    private boolean fresh(Entry e, Instant now) {
        Duration age = Duration.between(e.startedAt, now);
        return !e.result.isCompletedExceptionally() && !age.isNegative() && age.compareTo(ttl) < 0;
    }

    private Snapshot make(Key key, Entry mine, Stream stream, SnapshotOptions options)
            throws SnapshotException, InterruptedException {
        try {
            Snapshot s;
            try (LiveKeyframe k = KeyframeGrabber.grab(stream, keyframeWait)) {
                renders.acquire();
                try {
                    s = renderer.render(k.format(), k.unit(), options, mine.startedAt);
                    rendered.increment();
                } finally {
                    renders.release();
                }
            }
            mine.result.complete(s);
            sweep();
            return s;
        } catch (SnapshotException | InterruptedException | RuntimeException | Error ex) {
            entries.remove(key, mine);
            mine.result.completeExceptionally(ex);
            throw ex;
        }
    }

    private static Snapshot await(CompletableFuture<Snapshot> result) throws SnapshotException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SnapshotException se) {
                throw new SnapshotException(se.reason(), se.getMessage());
            }
            if (cause instanceof InterruptedException) {
                throw new SnapshotException(SnapshotException.Reason.NO_KEYFRAME,
                        "the request making this snapshot was cancelled; try again");
            }
            throw new IllegalStateException("making the snapshot failed", cause);
        }
    }

    private void sweep() {
        if (entries.size() > SWEEP_ABOVE) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> e.result.isDone() && !fresh(e, now));
        }
    }

    /** Snapshots decoded since start (cache hits and shared waits not counted). */
    public long rendered() {
        return rendered.sum();
    }
}
