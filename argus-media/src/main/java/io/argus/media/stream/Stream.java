package io.argus.media.stream;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live data of one camera: its tracks, the latest GOP and its readers.
 *
 * <p>One writer: {@link #publish} is called only on the stream's executor (its source's event loop); attach
 * and detach hop onto it. The payload is shared, never copied: each reader's queue holds the same
 * {@link AccessUnit}, retained once per reader.
 *
 * <p>The GOP cache holds every unit (all tracks) since the latest video keyframe, so a new reader starts
 * on a keyframe at once instead of waiting up to a GOP.
 */
public final class Stream {
    private static final Logger LOG = LoggerFactory.getLogger(Stream.class);

    /**
     * Most units the GOP cache keeps. 25 fps video with a 10 s GOP plus 48 kHz AAC is ~720 units; cameras
     * with longer GOPs than that lose the cache (new readers then wait for the next keyframe) rather than
     * pin unbounded memory.
     */
    public static final int MAX_GOP_UNITS = 1024;

    /** Most payload bytes the GOP cache keeps: 10 s of 12 Mbit/s video. */
    public static final long MAX_GOP_BYTES = 16L << 20;

    /** Default reader queue: about 4 s of 25 fps video with audio. */
    public static final int DEFAULT_READER_QUEUE = 256;

    private static final StreamReader[] NO_READERS = new StreamReader[0];
    private static final long DROP_LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final String name;
    private final Executor executor;
    private final boolean hasVideo;
    private final CaptureLatency latency;
    private volatile List<MediaFormat> formats;
    private volatile StreamReader[] readers = NO_READERS;
    private final ArrayList<AccessUnit> gop = new ArrayList<>();
    private volatile long gopBytes;
    private boolean gopOverflow;
    private volatile boolean closed;
    private volatile long published;
    private volatile long publishedBytes;
    private volatile long droppedTotal;
    private long dropsSinceLog;
    private long lastDropLogNanos;

    /**
     * @param executor the writer thread (the source's event loop); attach, detach and close run on it
     */
    public Stream(String name, List<MediaFormat> formats, Executor executor) {
        this(name, formats, executor, null);
    }

    /** @param latency where capture-time latency is recorded, or null not to measure it */
    public Stream(String name, List<MediaFormat> formats, Executor executor, CaptureLatency latency) {
        this.name = name;
        this.latency = latency;
        this.formats = List.copyOf(formats);
        this.executor = executor;
        this.hasVideo = formats.stream().anyMatch(f -> f.codec().isVideo());
    }

    public String name() {
        return name;
    }

    /** The tracks, in SDP order; {@link AccessUnit#track()} indexes this list. */
    public List<MediaFormat> formats() {
        return formats;
    }

    /** Replaces one track's format (parameter sets changed in band). Writer thread only. */
    public void updateFormat(int track, MediaFormat format) {
        List<MediaFormat> current = formats;
        if (!current.get(track).equals(format)) {
            ArrayList<MediaFormat> next = new ArrayList<>(current);
            next.set(track, format);
            formats = List.copyOf(next);
        }
    }

    /** Writer thread only. <b>Takes ownership</b> of {@code au}. */
    public void publish(AccessUnit au) {
        try {
            if (closed) {
                return;
            }
            published++;
            publishedBytes += au.size();
            if (latency != null) {
                latency.record(au);
            }
            boolean startsGop = startsGop(au);
            cache(au, startsGop);
            StreamReader[] rs = readers;
            for (StreamReader r : rs) {
                r.offer(au, startsGop);
            }
        } finally {
            au.release();
        }
    }

    private boolean startsGop(AccessUnit au) {
        return au.keyframe() && (au.codec().isVideo() || !hasVideo);
    }

    private void cache(AccessUnit au, boolean startsGop) {
        if (startsGop) {
            clearGop();
            gopOverflow = false;
        } else if (gop.isEmpty() || gopOverflow) {
            return;
        }
        if (gop.size() >= MAX_GOP_UNITS || gopBytes + au.size() > MAX_GOP_BYTES) {
            clearGop();
            gopOverflow = true;
            return;
        }
        gop.add(au.retain());
        gopBytes += au.size();
    }

    private void clearGop() {
        for (AccessUnit cached : gop) {
            cached.release();
        }
        gop.clear();
        gopBytes = 0;
    }

    /**
     * Adds a reader. It first receives the cached GOP (so it starts on a keyframe), then live units. With no
     * GOP cached (the source started mid-GOP, as a camera that was already streaming does, or the GOP outgrew
     * the cache), it waits for the next keyframe: a decoder fed from a non-keyframe shows garbage or errors.
     *
     * @param consumer      receives units on {@code readerExecutor}
     * @param queueCapacity a power of two; see {@link #DEFAULT_READER_QUEUE}
     */
    public StreamReader attach(StreamConsumer consumer, Executor readerExecutor, int queueCapacity) {
        StreamReader reader = new StreamReader(this, consumer, readerExecutor, queueCapacity);
        executor.execute(() -> {
            if (closed || reader.isClosed()) {
                reader.detached();
                return;
            }
            if (gop.isEmpty()) {
                reader.startAtNextGop();
            }
            for (int i = 0; i < gop.size(); i++) {
                reader.offer(gop.get(i), i == 0);
            }
            StreamReader[] rs = readers;
            StreamReader[] next = Arrays.copyOf(rs, rs.length + 1);
            next[rs.length] = reader;
            readers = next;
        });
        return reader;
    }

    void detach(StreamReader reader) {
        executor.execute(() -> {
            StreamReader[] rs = readers;
            int idx = -1;
            for (int i = 0; i < rs.length; i++) {
                if (rs[i] == reader) {
                    idx = i;
                    break;
                }
            }
            if (idx >= 0) {
                StreamReader[] next = new StreamReader[rs.length - 1];
                System.arraycopy(rs, 0, next, 0, idx);
                System.arraycopy(rs, idx + 1, next, idx, rs.length - idx - 1);
                readers = next;
            }
            reader.detached();
        });
    }

    /** Writer thread: a reader dropped a unit. Logs a summary at most once a second. */
    void noteDrop(StreamReader reader) {
        droppedTotal++;
        dropsSinceLog++;
        long now = System.nanoTime();
        if (now - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS) {
            LOG.warn("stream {}: slow reader(s) skipped {} unit(s) to the next keyframe in the last interval "
                    + "(reader queue {} of {})", name, dropsSinceLog, reader.queued(), reader.capacity());
            dropsSinceLog = 0;
            lastDropLogNanos = now;
        }
    }

    /** Ends the stream: every reader is detached (its consumer gets onClose) and the GOP cache released. */
    public void close() {
        executor.execute(() -> {
            if (closed) {
                return;
            }
            closed = true;
            StreamReader[] rs = readers;
            readers = NO_READERS;
            for (StreamReader r : rs) {
                r.detached();
            }
            clearGop();
        });
    }

    public boolean isClosed() {
        return closed;
    }

    public int readerCount() {
        return readers.length;
    }

    /** Units published since the stream started. */
    public long published() {
        return published;
    }

    public long publishedBytes() {
        return publishedBytes;
    }

    /** Payload bytes the GOP cache holds now. */
    public long gopCacheBytes() {
        return gopBytes;
    }

    /**
     * Times a slow reader's queue overflowed, all readers together: each time, that reader skips to the next
     * keyframe. The units each reader skipped are {@link StreamReader#dropped()}.
     */
    public long droppedByReaders() {
        return droppedTotal;
    }
}
