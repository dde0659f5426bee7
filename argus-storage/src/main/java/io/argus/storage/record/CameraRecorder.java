package io.argus.storage.record;

import io.argus.media.path.Path;
import io.argus.media.stream.Stream;
import io.argus.storage.chunk.ChunkFencedException;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.VolumeStore;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder of one camera, for as long as the camera exists: follows its path's live sessions, starting a
 * {@link StreamRecording} for each, and keeps its settings, state, counters and the head of its hash chain.
 *
 * <p>State the recordings touch lives on the camera's recorder event loop; settings and counters are volatile
 * for the API.
 */
final class CameraRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CameraRecorder.class);

    /**
     * Most finished chunks that wait for the index (the database down or full): a day of one-minute chunks. Each
     * is a closed {@code .part} file and a few hundred bytes here; beyond that they wait for start-up recovery.
     */
    static final int MAX_UNINDEXED = 1440;

    /** A chunk synced and hashed, waiting for its index row before it is published. */
    private record Finished(ChunkWriter writer, ChunkInfo info, Instant end, String codec) {
    }

    private final Recorder recorder;
    private final UUID tenant;
    private final UUID camera;
    private final Path path;
    /** The fencing epoch its chunks are indexed in (see {@link Recorder#add}). */
    private final long epoch;
    private final EventLoop loop;
    private final Executor reads;
    private final Consumer<Stream> onStream = this::onStream;
    private volatile RecordingSettings settings;
    private volatile RecordingState state = RecordingState.IDLE;
    private volatile String lastError;
    private volatile long chunks;
    private volatile long bytes;
    private volatile long framesRecorded;
    private volatile long framesDropped;
    private volatile OpenChunk open;
    private StreamRecording current;
    private ChunkRecord previous;
    private boolean previousLoaded;
    private final ArrayDeque<Finished> unindexed = new ArrayDeque<>();
    private boolean indexFailing;
    /** A newer owner of the camera stored a chunk: this recorder records nothing more. Loop thread. */
    private boolean fenced;

    CameraRecorder(Recorder recorder, UUID tenant, UUID camera, Path path, RecordingSettings settings, long epoch,
                   EventLoop loop, Executor reads) {
        this.recorder = recorder;
        this.tenant = tenant;
        this.camera = camera;
        this.path = path;
        this.epoch = epoch;
        this.loop = loop;
        this.reads = reads;
        this.settings = settings;
        this.state = settings.mode() == RecordingMode.OFF ? RecordingState.OFF : RecordingState.IDLE;
    }

    void start() {
        path.onStream(onStream);
    }

    /** A new live session of the camera (called on the stream's writer thread). */
    private void onStream(Stream stream) {
        loop.execute(() -> {
            if (current != null) {
                current.end();
            }
            current = null;
            if (settings.mode() != RecordingMode.OFF && !fenced) {
                current = new StreamRecording(this, stream);
                state(RecordingState.STARTING, null);
                current.start();
            }
        });
    }

    void configure(RecordingSettings next) {
        RecordingSettings before = settings;
        settings = next;
        loop.execute(() -> {
            if (next.mode() == RecordingMode.OFF) {
                if (current != null) {
                    current.end();
                    current = null;
                }
                state(RecordingState.OFF, null);
            } else if (before.mode() == RecordingMode.OFF || current == null) {
                Stream live = path.stream();
                state(RecordingState.IDLE, null);
                if (live != null) {
                    onStream(live);
                }
            }
        });
    }

    /**
     * Events mode: records from the pre-buffer before {@code at} until the post-buffer after it. A trigger that
     * arrives after its post-buffer has passed (the analytics behind the camera: NanoDet on a loaded CPU) still
     * records the pre-buffer as held then and the post-buffer from its arrival; armed until {@code at} alone, it
     * recorded nothing.
     */
    void trigger(Instant at) {
        long post = settings.postBuffer().toNanos() / 1000;
        long until = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000 + post;
        loop.execute(() -> {
            if (current != null) {
                current.arm(until, post);
            }
        });
    }

    /**
     * Ends the current recording (its chunk is written and indexed) and stops following the path. Chunks the
     * index still refuses stay {@code .part} files, for {@link Recorder#recover} at the next start.
     */
    Future<?> close() {
        path.removeStreamListener(onStream);
        return loop.submit(() -> {
            if (current != null) {
                current.end();
                current = null;
            }
            if (!unindexed.isEmpty()) {
                LOG.warn("camera {}: {} chunk(s) could not be indexed; left as .part files for recovery at the next"
                        + " start", camera, unindexed.size());
                unindexed.clear();
            }
        });
    }

    void sessionEnded(StreamRecording r) {
        if (current == r) {
            current = null;
            if (settings.mode() != RecordingMode.OFF) {
                state(RecordingState.IDLE, null);
            }
        }
    }

    /**
     * A chunk was finished (synced, hashed, not yet published): index it after any the index refused before, in
     * order, so the hash chain stays in time order, and publish each once indexed. A chunk the index refuses (the
     * database is down, full or closing) waits here as its {@code .part} file and is retried at the next chunk;
     * nothing is deleted. Loop thread.
     */
    void finished(ChunkWriter w, ChunkInfo info, Instant end, String codec) {
        if (unindexed.size() >= MAX_UNINDEXED) {
            LOG.warn("camera {}: {} chunks already wait for the index; chunk {} is left for recovery at the next"
                    + " start", camera, unindexed.size(), info.location());
            return;
        }
        unindexed.add(new Finished(w, info, end, codec));
        indexWaiting();
    }

    /** Indexes and publishes the chunks that wait, oldest first, until the index refuses one. Loop thread. */
    private void indexWaiting() {
        while (!unindexed.isEmpty()) {
            Finished f = unindexed.peek();
            ChunkRecord row;
            try {
                row = ChunkRecord.of(f.info(), f.end(), f.codec(), Tier.HOT, previous());
                if (!recorder.index().add(row, epoch)) {
                    LOG.warn("camera {}: chunk {} was already indexed", camera, row.location());
                }
            } catch (ChunkFencedException e) {
                refuseWaiting(e);
                return;
            } catch (RuntimeException e) {
                if (!indexFailing) {
                    indexFailing = true;
                    LOG.warn("camera {}: indexing chunk {} failed ({}); it stays a .part file, retried at the next"
                            + " chunk and recovered at the next start if need be", camera, f.info().location(),
                            causes(e));
                }
                return;
            }
            unindexed.poll();
            previous = row;
            chunks++;
            if (indexFailing) {
                indexFailing = false;
                LOG.info("camera {}: indexing works again; chunk {} is indexed", camera, row.location());
            }
            try {
                f.writer().close();
            } catch (IOException e) {
                LOG.warn("camera {}: publishing chunk {} failed ({}); it is indexed and stays a .part file for"
                        + " recovery at the next start", camera, row.location(), e.toString());
            }
        }
    }

    /**
     * The index fenced this recorder out: another node records the camera in a newer epoch. Every chunk that waits
     * is counted and logged, and published under its location in no index (so that recovery at the next start does
     * not index it unfenced; the orphan sweep deletes it after its grace), and this recorder stops: it records
     * nothing more of the camera. Loop thread.
     */
    private void refuseWaiting(ChunkFencedException e) {
        fenced = true;
        for (Finished f = unindexed.poll(); f != null; f = unindexed.poll()) {
            recorder.fenced(f.info().bytes());
            LOG.error("camera {}: chunk {} ({} bytes) REFUSED by the chunk index: recorded in epoch {}, and another "
                    + "node has recorded the camera in epoch {}; the file is left unindexed, for the orphan sweep",
                    camera, f.info().location(), f.info().bytes(), e.epoch(), e.highest());
            try {
                f.writer().close();
            } catch (IOException x) {
                LOG.warn("camera {}: closing fenced chunk {} failed ({}); it stays a .part file", camera,
                        f.info().location(), x.toString());
            }
        }
        StreamRecording r = current;
        current = null;
        if (r != null) {
            r.end();
        }
        state(RecordingState.FAILED, "fenced: another node records this camera (epoch " + e.highest() + " > "
                + epoch + ")");
    }

    /** The head of this camera's hash chain (read from the index once, then kept). Loop thread. */
    ChunkRecord previous() {
        if (!previousLoaded) {
            previous = recorder.index().last(tenant, camera).orElse(null);
            previousLoaded = true;
        }
        return previous;
    }

    /** An exception and its causes in one line: "indexing chunk failed" alone does not say that the disk is full. */
    private static String causes(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append(" <- ").append(c);
        }
        return b.toString();
    }

    /**
     * Publishes the chunk being written, as far as it is written, for playback; null once it is closed (indexed
     * and under its location) or dropped. Loop thread.
     */
    void open(OpenChunk chunk) {
        open = chunk;
    }

    /** See {@link Recorder#find}. Any thread. */
    OpenChunk open() {
        return open;
    }

    RecordingStatus status() {
        StreamRecording r = current;
        long skipped = r == null ? 0 : r.skippedByStream();
        return new RecordingStatus(settings.mode(), state, lastError, chunks, bytes, framesRecorded,
                framesDropped + skipped);
    }

    void state(RecordingState s, String error) {
        if (s != state && (s == RecordingState.PAUSED_DISK_FULL || s == RecordingState.FAILED)) {
            LOG.warn("camera {}: recording {}: {}", camera, s.apiName(), error);
        } else if (state == RecordingState.PAUSED_DISK_FULL && s == RecordingState.RECORDING) {
            LOG.info("camera {}: recording resumed", camera);
        }
        state = s;
        lastError = error;
    }

    RecordingState state() {
        return state;
    }

    void recorded(int frames) {
        framesRecorded += frames;
    }

    void dropped(int frames) {
        framesDropped += frames;
    }

    void wrote(int n) {
        bytes += n;
    }

    RecordingSettings settings() {
        return settings;
    }

    RecorderConfig config() {
        return recorder.config();
    }

    VolumeStore store() {
        return recorder.store();
    }

    long nanoTime() {
        return recorder.nanoTime();
    }

    long wallMicros() {
        return recorder.wallMicros();
    }

    /** Where the camera's stream reader drains: batched on {@link #loop()}. */
    Executor reads() {
        return reads;
    }

    EventLoop loop() {
        return loop;
    }

    UUID tenant() {
        return tenant;
    }

    UUID camera() {
        return camera;
    }
}
