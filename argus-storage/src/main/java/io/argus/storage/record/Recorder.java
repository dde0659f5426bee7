package io.argus.storage.record;

import io.argus.media.codec.format.fmp4.Mp4FormatException;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.media.path.Path;
import io.argus.media.stream.BatchingExecutor;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.OpenChunks;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.VolumeStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's recorder: one {@link CameraRecorder} per camera, spread over a few event loops of its own (file writes
 * and syncs block, so they never run on the network's loops). Start with {@link #recover()} (chunks a killed
 * process left open), then {@link #add} cameras. It publishes each camera's chunk in progress, up to the last
 * fragment written, as {@link OpenChunks} for playback.
 */
public final class Recorder implements OpenChunks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    /**
     * How often a recorder loop takes what its cameras' streams queued: recording needs throughput, not latency,
     * and a wake-up per frame would cost as much as the disk writes. The readers' queues hold about 10 s.
     */
    static final Duration READ_BATCH = Duration.ofMillis(100);

    private final VolumeStore store;
    private final ChunkIndex index;
    private final RecorderConfig config;
    private final EventLoopGroup loops;
    private final Clock clock;
    private final LongSupplier nanoTime;
    /** Per loop, the executor its cameras' stream readers drain on (see {@link BatchingExecutor}). */
    private final Map<EventExecutor, BatchingExecutor> batches = new HashMap<>();
    private final Map<UUID, CameraRecorder> cameras = new ConcurrentHashMap<>();
    private final AtomicLong fencedChunks = new AtomicLong();
    private final AtomicLong fencedBytes = new AtomicLong();

    /** @param threads recorder threads (each serves many cameras; syncs are what they wait on) */
    public Recorder(VolumeStore store, ChunkIndex index, RecorderConfig config, int threads) {
        this(store, index, config, threads, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param clock    wall time: a chunk's start is the wall time its first unit arrived
     * @param nanoTime monotonic time, the clock of {@link io.argus.media.codec.AccessUnit#receivedNanos()}: sync
     *                 and room-check intervals are measured in it
     */
    public Recorder(VolumeStore store, ChunkIndex index, RecorderConfig config, int threads, Clock clock,
                    LongSupplier nanoTime) {
        this.store = store;
        this.index = index;
        this.config = config;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.loops = new DefaultEventLoopGroup(threads, new DefaultThreadFactory("argus-recorder", true));
        for (EventExecutor loop : loops) {
            batches.put(loop, new BatchingExecutor((SingleThreadEventExecutor) loop, READ_BATCH));
        }
    }

    /**
     * Completes and indexes the chunks a killed process left partly written: each is cut back to its last complete
     * fragment (nothing that reached the disk before that is lost), its end time read from its fragments, and it
     * joins its camera's hash chain. A chunk with no complete fragment is deleted.
     *
     * @return the rows added
     */
    public List<ChunkRecord> recover() throws IOException {
        List<ChunkRecord> rows = new ArrayList<>();
        for (ChunkInfo info : store.recover(Mp4Structure::lastCompleteFragmentEnd)) {
            ByteBuf bytes;
            try (ReadableChunk chunk = store.open(info.location())) {
                bytes = chunk.read(0, Math.toIntExact(info.bytes()), PooledByteBufAllocator.DEFAULT);
            }
            try {
                Mp4Structure mp4 = Mp4Structure.validate(bytes);
                Mp4Structure.Track track = primary(mp4);
                long ticks = 0;
                for (Mp4Structure.Fragment f : mp4.fragments()) {
                    for (Mp4Structure.Run r : f.runs()) {
                        ticks += r.trackId() == track.trackId() ? r.duration() : 0;
                    }
                }
                if (ticks == 0) {
                    store.delete(info.location());
                    continue;
                }
                Duration length = Duration.ofNanos(ticks * 1_000_000_000L / track.timescale());
                ChunkRecord previous = index.last(info.key().tenant(), info.key().camera()).orElse(null);
                ChunkRecord row = ChunkRecord.of(info, info.key().start().plus(length), codec(track), Tier.HOT,
                        previous);
                index.add(row);
                rows.add(row);
                LOG.info("recovered chunk {} ({} of video up to its last complete fragment)", info.location(),
                        length);
            } catch (Mp4FormatException e) {
                LOG.warn("recovered chunk {} does not parse ({}); left unindexed for the orphan sweep",
                        info.location(), e.getMessage());
            } finally {
                bytes.release();
            }
        }
        return rows;
    }

    private static Mp4Structure.Track primary(Mp4Structure mp4) {
        return mp4.tracks().stream().filter(t -> t.handler().equals("vide")).findFirst()
                .orElse(mp4.tracks().get(0));
    }

    private static String codec(Mp4Structure.Track t) {
        return switch (t.sampleEntry()) {
            case "avc1", "avc3" -> "H264";
            case "hvc1", "hev1" -> "H265";
            case "mp4a" -> "AAC";
            default -> t.sampleEntry();
        };
    }

    /** Starts recording a camera (its path's live sessions) with {@code settings}, {@link ChunkIndex#UNFENCED}. */
    public void add(UUID tenant, UUID camera, Path path, RecordingSettings settings) {
        add(tenant, camera, path, settings, ChunkIndex.UNFENCED);
    }

    /**
     * Starts recording a camera with {@code settings}, its chunks indexed in fencing {@code epoch}: the index refuses
     * them once a newer owner of the camera stored one ({@link ChunkIndex#add(ChunkRecord, long)}), and the camera
     * stops recording here.
     */
    public void add(UUID tenant, UUID camera, Path path, RecordingSettings settings, long epoch) {
        EventLoop loop = loops.next();
        CameraRecorder r = new CameraRecorder(this, tenant, camera, path, settings, epoch, loop, batches.get(loop));
        if (cameras.putIfAbsent(camera, r) != null) {
            throw new IllegalArgumentException("camera already recorded: " + camera);
        }
        r.start();
    }

    /** Applies new settings at once (a chunk in progress is closed when recording turns off). */
    public void configure(UUID camera, RecordingSettings settings) {
        CameraRecorder r = cameras.get(camera);
        if (r != null) {
            r.configure(settings);
        }
    }

    /** Stops recording a camera; what it had is written and indexed. */
    public void remove(UUID camera) {
        remove(List.of(camera));
    }

    /**
     * Stops recording these cameras, all at once (on every recorder thread in parallel, as {@link #close} does), and
     * returns once what each had is written and indexed.
     */
    public void remove(Collection<UUID> ids) {
        List<Future<?>> closing = new ArrayList<>();
        for (UUID id : ids) {
            CameraRecorder r = cameras.remove(id);
            if (r != null) {
                closing.add(r.close());
            }
        }
        closing.forEach(Future::syncUninterruptibly);
    }

    /** An event on a camera in {@link RecordingMode#EVENTS}: keep its pre-buffer and record through the post-buffer. */
    public boolean trigger(UUID camera, Instant at) {
        CameraRecorder r = cameras.get(camera);
        if (r == null) {
            return false;
        }
        r.trigger(at);
        return true;
    }

    /** The camera's chunk being written, up to its last fragment written (published after each fragment). */
    @Override
    public Optional<OpenChunk> find(UUID tenant, UUID camera) {
        CameraRecorder r = cameras.get(camera);
        return r == null || !r.tenant().equals(tenant) ? Optional.empty() : Optional.ofNullable(r.open());
    }

    /** Chunks the index refused because a newer owner of their camera had stored one (fencing), since start. */
    public long fencedChunks() {
        return fencedChunks.get();
    }

    /** Their bytes: recorded video that is on this node's volume and in no index. */
    public long fencedBytes() {
        return fencedBytes.get();
    }

    void fenced(long bytes) {
        fencedChunks.incrementAndGet();
        fencedBytes.addAndGet(bytes);
    }

    public Optional<RecordingStatus> status(UUID camera) {
        CameraRecorder r = cameras.get(camera);
        return r == null ? Optional.empty() : Optional.of(r.status());
    }

    RecorderConfig config() {
        return config;
    }

    VolumeStore store() {
        return store;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** Wall time in microseconds since the epoch. */
    long wallMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    ChunkIndex index() {
        return index;
    }

    /**
     * Writes and indexes every chunk in progress (on every recorder thread at once: a stop waits for the slowest
     * loop, not for the sum of all cameras' syncs), then stops the recorder threads. Call it before the index's
     * database closes: a chunk the index refuses stays a {@code .part} file for {@link #recover} at the next start.
     */
    @Override
    public void close() {
        remove(List.copyOf(cameras.keySet()));
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
