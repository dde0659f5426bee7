package io.argus.server.api.playback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Transcoded playback segments kept briefly: a player asks for a segment's init section and then the segment,
 * and both come from one transcode of the recorded GOP. Keyed by camera, chunk, GOP offset and the rendition's
 * canonical name; the first request transcodes, any others for the same key wait for it. Thread-safe.
 */
final class RenditionSegments {
    /**
     * Segments kept: a GOP of 360p is about 100–300 KB, of a same-size 1080p rendition a few MB; 16 hold what a
     * few players are about to ask for (the init section, then the segment) without holding much memory.
     */
    static final int CAPACITY = 16;
    /** How long a segment stays: long enough for its player's next request, short enough not to be a cache. */
    private static final long KEEP_NANOS = 60_000_000_000L;

    /** One transcoded segment: its init section and its fragment. */
    record Segment(byte[] init, byte[] fragment, long madeNanos) {
    }

    private final Map<String, CompletableFuture<Segment>> segments = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Segment>> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The segment of {@code key}, made by {@code make} on this thread if nobody made or is making it.
     *
     * @throws RuntimeException what {@code make} threw (also to the requests that waited for it)
     */
    Segment get(String key, Supplier<Segment> make) throws InterruptedException {
        CompletableFuture<Segment> mine = new CompletableFuture<>();
        CompletableFuture<Segment> existing;
        synchronized (segments) {
            existing = segments.get(key);
            if (existing != null && existing.isDone() && !existing.isCompletedExceptionally()
                    && System.nanoTime() - existing.join().madeNanos() > KEEP_NANOS) {
                existing = null;
            }
            if (existing == null) {
                segments.put(key, mine);
            }
        }
        if (existing != null) {
            try {
                return existing.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        try {
            Segment s = make.get();
            mine.complete(s);
            return s;
        } catch (RuntimeException e) {
            synchronized (segments) {
                segments.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
