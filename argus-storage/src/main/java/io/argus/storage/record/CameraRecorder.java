package io.argus.storage.record;

import io.argus.media.path.Path;
import io.argus.media.stream.Stream;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.SegmentStore;
import io.netty.channel.EventLoop;
import java.time.Instant;
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

    private final Recorder recorder;
    private final UUID tenant;
    private final UUID camera;
    private final Path path;
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

    CameraRecorder(Recorder recorder, UUID tenant, UUID camera, Path path, RecordingSettings settings,
                   EventLoop loop, Executor reads) {
        this.recorder = recorder;
        this.tenant = tenant;
        this.camera = camera;
        this.path = path;
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
            if (settings.mode() != RecordingMode.OFF) {
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

    /** Events mode: records from the pre-buffer before {@code at} until the post-buffer after it. */
    void trigger(Instant at) {
        long until = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000
                + settings.postBuffer().toNanos() / 1000;
        loop.execute(() -> {
            if (current != null) {
                current.arm(until);
            }
        });
    }

    /** Ends the current recording (its chunk is written and indexed) and stops following the path. */
    void close() {
        path.removeStreamListener(onStream);
        loop.submit(() -> {
            if (current != null) {
                current.end();
                current = null;
            }
        }).syncUninterruptibly();
    }

    void sessionEnded(StreamRecording r) {
        if (current == r) {
            current = null;
            if (settings.mode() != RecordingMode.OFF) {
                state(RecordingState.IDLE, null);
            }
        }
    }

    /** The head of this camera's hash chain (read from the index once, then kept). Loop thread. */
    ChunkRecord previous() {
        if (!previousLoaded) {
            previous = recorder.index().last(tenant, camera).orElse(null);
            previousLoaded = true;
        }
        return previous;
    }

    /** A chunk was finished: index it and move the chain's head. Loop thread. */
    void indexed(ChunkRecord row) {
        if (!recorder.index().add(row)) {
            LOG.warn("camera {}: chunk {} was already indexed", camera, row.location());
        }
        previous = row;
        previousLoaded = true;
        chunks++;
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

    SegmentStore store() {
        return recorder.store();
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
