package io.argus.media.hls;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.StreamReader;
import io.argus.media.stream.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LL-HLS rendition of one live stream: reads it on a pinned event loop, cuts parts at
 * {@link LlHlsSettings#partTarget()} and at every keyframe, starts a segment at the first keyframe past
 * {@link LlHlsSettings#segmentTarget()}, and answers requests (blocking ones included) with futures completed on
 * that loop. The init segment is written at the first keyframe, from the stream's formats then.
 *
 * <p>Why its own loop and not the stream's (the ingest event loop): box writing and request bookkeeping for many
 * viewers must not delay the packets of every camera on that network thread; the hand-over costs one queue hop
 * per unit, which the stream's reader does anyway. Requests hop onto the loop too, so a part's buffer is retained
 * there, never racing the window's release of it.
 */
public final class LlHlsMuxer implements StreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(LlHlsMuxer.class);

    /** The reader's queue: ~4 s at 25 fps with audio; the loop writes only box headers, so it rarely fills. */
    static final int READER_QUEUE = Stream.DEFAULT_READER_QUEUE;
    /** A blocked request is held at most this many target durations, then answered 503 (§6.2.5.2). */
    static final int BLOCK_TARGET_DURATIONS = 3;
    /** The idle check runs this many times per idle timeout, so a muxer stops at most a sixth late. */
    static final int IDLE_CHECKS_PER_TIMEOUT = 6;

    private final String name;
    private final Stream stream;
    private final EventLoop loop;
    private final LlHlsSettings settings;
    private final ByteBufAllocator alloc;
    private final Consumer<LlHlsMuxer> onStop;
    private final LlHlsWindow window;
    private final List<LlHlsWaiter<?>> waiters = new ArrayList<>();
    private final int primary;
    private final int timescale;
    private final long partTicks;
    private StreamReader reader;
    private ScheduledFuture<?> idleCheck;
    private Fmp4InitSegment init;
    private Fmp4FragmentWriter writer;
    private long partStartDts;
    private boolean partStartsKey;
    private long lastPrimaryDts;
    private long anchorDts;
    private long anchorWallMicros;
    private volatile boolean stopped;
    private volatile long lastRequestNanos;
    private volatile long windowBytes;
    private volatile long dropped;

    LlHlsMuxer(String name, Stream stream, EventLoop loop, LlHlsSettings settings, ByteBufAllocator alloc,
               Consumer<LlHlsMuxer> onStop) {
        this.name = name;
        this.stream = stream;
        this.loop = loop;
        this.settings = settings;
        this.alloc = alloc;
        this.onStop = onStop;
        this.window = new LlHlsWindow(settings);
        List<MediaFormat> formats = stream.formats();
        int video = 0;
        while (video < formats.size() && !formats.get(video).codec().isVideo()) {
            video++;
        }
        this.primary = video < formats.size() ? video : 0;
        this.timescale = formats.get(primary).clockRate();
        this.partTicks = settings.partTarget().toNanos() * timescale / 1_000_000_000L;
        this.lastRequestNanos = System.nanoTime();
    }

    void start() {
        execute(() -> {
            if (stopped) {
                return;
            }
            reader = stream.attach(this, loop, READER_QUEUE);
            long period = settings.idleTimeout().toNanos() / IDLE_CHECKS_PER_TIMEOUT;
            idleCheck = loop.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.NANOSECONDS);
        });
    }

    @Override
    public void onAccessUnit(AccessUnit au) {
        if (stopped || writer == null && !begin(au)) {
            au.release();
            return;
        }
        if (au.track() == primary) {
            // A part ends before a keyframe, or before the unit that would take it past the target (this unit's
            // own duration estimated by the last frame interval), so no part is longer than PART-TARGET.
            long withThis = au.dts() - partStartDts + (au.dts() - lastPrimaryDts);
            if (writer.pendingSamples(primary) > 0 && (au.keyframe() || withThis > partTicks)) {
                cut(au.dts());
                if (stopped) {
                    au.release();
                    return;
                }
            }
            if (writer.pendingSamples(primary) == 0) {
                partStartDts = au.dts();
                partStartsKey = au.keyframe();
            }
            lastPrimaryDts = au.dts();
        }
        try {
            if (!writer.add(au)) {
                dropped++;
            }
        } catch (IllegalArgumentException e) {
            stopNow("its format changed (" + e.getMessage() + ")");
        }
    }

    /** The first keyframe: writes the init segment from the formats known now. Returns false to skip the unit. */
    private boolean begin(AccessUnit au) {
        if (au.track() != primary || !au.keyframe()) {
            return false;
        }
        try {
            init = Fmp4InitSegment.write(stream.formats(), alloc);
        } catch (IllegalArgumentException e) {
            stopNow("no init segment: " + e.getMessage());
            return false;
        }
        writer = new Fmp4FragmentWriter(init.tracks(), alloc);
        anchorDts = au.dts();
        anchorWallMicros = WallClock.micros() - (System.nanoTime() - au.receivedNanos()) / 1000;
        pollWaiters();
        return true;
    }

    /** Ends the pending part before the primary track's unit at {@code nextDts}. */
    private void cut(long nextDts) {
        Fmp4Fragment part = writer.flush(primary, nextDts);
        boolean newSegment = partStartsKey
                && window.openDuration() * 1e9 >= settings.segmentTarget().toNanos();
        long wall = anchorWallMicros + (partStartDts - anchorDts) * 1_000_000 / timescale;
        boolean fits = window.add(part, wall, newSegment);
        windowBytes = window.bytes();
        if (!fits) {
            stopNow("a GOP over " + settings.maxWindowBytes() + " bytes does not fit the LL-HLS window");
            return;
        }
        pollWaiters();
    }

    /**
     * The playlist, once it holds part {@code part} of segment {@code msn} (§6.2.5.2 blocking reload); at once
     * when {@code msn} is negative (once any part exists). {@code part} negative waits for the whole segment.
     *
     * @param base  prefix of the URIs in it, relative to the playlist
     * @param query appended to every URI ("" or a signed URL's query)
     */
    public CompletableFuture<String> playlist(long msn, int part, String base, String query) {
        return await(() -> (msn < 0 ? !window.isEmpty() : window.holds(msn, part))
                        ? LlHlsPlaylist.render(window.targetDuration(), window.partTarget(), window.segments(),
                        window.nextPart(), base, query) : null,
                () -> msn >= 0 && window.tooFarAhead(msn, part) ? new LlHlsException(
                        LlHlsException.Reason.TOO_FAR_AHEAD, "segment " + msn + " part " + part
                        + " is too far ahead of the live edge") : null, true);
    }

    /**
     * A file of the playlist: {@code init.mp4}, a complete segment {@code <msn>.m4s} or a part
     * {@code part<n>.m4s}; the part of the preload hint blocks until written. The caller owns the buffer.
     */
    public CompletableFuture<ByteBuf> file(String file) {
        if (file.equals(LlHlsPlaylist.INIT)) {
            return await(() -> init == null ? null : init.content().retainedDuplicate(), () -> null, true);
        }
        long n = number(file);
        if (n < 0) {
            return CompletableFuture.failedFuture(notFound(file));
        }
        if (file.startsWith(LlHlsPlaylist.PART_PREFIX)) {
            return await(() -> window.part(n),
                    () -> n > window.nextPart() || n < window.nextPart() && !window.hasPart(n) ? notFound(file) : null,
                    true);
        }
        return await(() -> window.segment(n, alloc), () -> window.hasSegment(n) ? null : notFound(file), false);
    }

    private static long number(String file) {
        String digits = file.substring(file.startsWith(LlHlsPlaylist.PART_PREFIX) ? LlHlsPlaylist.PART_PREFIX.length()
                : 0, Math.max(0, file.length() - LlHlsPlaylist.SEGMENT_SUFFIX.length()));
        if (!file.endsWith(LlHlsPlaylist.SEGMENT_SUFFIX) || digits.isEmpty() || digits.length() > 18
                || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private static LlHlsException notFound(String file) {
        return new LlHlsException(LlHlsException.Reason.NOT_FOUND, file + " is not in the live window");
    }

    /** Hops onto the loop; answers when {@code answer} gives non-null, or fails with what {@code reject} gives. */
    private <T> CompletableFuture<T> await(Supplier<T> answer,
                                           Supplier<LlHlsException> reject, boolean block) {
        lastRequestNanos = System.nanoTime();
        CompletableFuture<T> f = new CompletableFuture<>();
        return execute(() -> {
            LlHlsException no = stopped ? stoppedException() : reject.get();
            if (no != null) {
                f.completeExceptionally(no);
                return;
            }
            LlHlsWaiter<T> w = new LlHlsWaiter<>(answer, f);
            if (w.poll()) {
                return;
            }
            if (!block) {
                f.completeExceptionally(new LlHlsException(LlHlsException.Reason.NOT_FOUND, "not in the window"));
                return;
            }
            waiters.add(w);
            long wait = TimeUnit.SECONDS.toNanos((long) BLOCK_TARGET_DURATIONS * window.targetDuration());
            w.deadline(loop.schedule(() -> {
                waiters.remove(w);
                w.fail(new LlHlsException(LlHlsException.Reason.TIMEOUT, "nothing new from camera " + name
                        + " for " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms"));
            }, wait, TimeUnit.NANOSECONDS));
        }, f);
    }

    private void pollWaiters() {
        waiters.removeIf(LlHlsWaiter::poll);
    }

    private LlHlsException stoppedException() {
        return new LlHlsException(LlHlsException.Reason.STOPPED, "the LL-HLS muxer of camera " + name + " stopped");
    }

    private void execute(Runnable task) {
        execute(task, null);
    }

    private <T> CompletableFuture<T> execute(Runnable task, CompletableFuture<T> f) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            if (f != null) {
                f.completeExceptionally(stoppedException());
            }
        }
        return f;
    }

    private void checkIdle() {
        if (System.nanoTime() - lastRequestNanos > settings.idleTimeout().toNanos()) {
            stopNow("no viewer for " + settings.idleTimeout().toSeconds() + " s");
        }
    }

    @Override
    public void onClose() {
        stopNow("the stream ended");
    }

    /** Stops the muxer and releases its window; pending requests fail with {@code STOPPED}. Any thread. */
    public void stop(String reason) {
        execute(() -> stopNow(reason));
    }

    private void stopNow(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("LL-HLS of camera {} stopped: {}", name, reason);
        if (reader != null) {
            reader.close();
        }
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (writer != null) {
            writer.close();
        }
        if (init != null) {
            init.release();
            init = null;
        }
        window.release();
        windowBytes = 0;
        for (LlHlsWaiter<?> w : waiters) {
            w.fail(stoppedException());
        }
        waiters.clear();
        onStop.accept(this);
    }

    public String name() {
        return name;
    }

    public Stream stream() {
        return stream;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** Payload bytes the window holds now. */
    public long windowBytes() {
        return windowBytes;
    }

    /** Units the fragment writer refused (non-increasing timestamps). */
    public long dropped() {
        return dropped;
    }
}
