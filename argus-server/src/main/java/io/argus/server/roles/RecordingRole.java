package io.argus.server.roles;

import io.argus.metadata.CameraRecordingRepository;
import io.argus.metadata.JdbcBookmarks;
import io.argus.metadata.Database;
import io.argus.metadata.JdbcChunkIndex;
import io.argus.metadata.JdbcEventProtections;
import io.argus.metadata.TenantScope;
import io.argus.server.camera.CameraService;
import io.argus.server.config.RecordingConfig;
import io.argus.server.config.StorageConfig;
import io.argus.server.crypto.NodeKeys;
import io.argus.server.recording.RecordingService;
import io.argus.server.storage.StorageTiers;
import io.argus.storage.chunk.Bookmarks;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.RecordedChunks;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.crypto.EncryptedSegmentStore;
import io.argus.storage.record.Recorder;
import io.argus.storage.record.RecorderConfig;
import io.argus.storage.retention.RetentionSweeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording: the chunk store on the recording volume, the chunk index and bookmarks in the metadata database,
 * the recorder (after recovering what a killed process left), and the retention sweeps.
 */
public final class RecordingRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRole.class);

    /**
     * The first volume's name in chunk locations; the next ones are {@code hot2}, {@code hot3} … in configuration
     * order. Fixed, since renaming a volume would orphan every index row on it.
     */
    static final String VOLUME = "hot";

    /**
     * Recorder threads: they mostly wait on the disk (fdatasync, creating and closing chunk files), not on the CPU.
     * With two, a thousand cameras' syncs (200 a second) queued behind each other under a heavy write load until
     * the recorders fell 40 s behind; sixteen wait in parallel.
     */
    static final int RECORDER_THREADS = 16;

    /** A part of a long GOP is written and synced at least this often: a crash costs at most this much video. */
    static final Duration MAX_FRAGMENT = Duration.ofSeconds(1);

    /** How often a paused camera checks for space, and how often retention runs. */
    static final Duration ROOM_CHECK = Duration.ofSeconds(2);
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

    /**
     * Room retention keeps free on the volume beyond its limits: two minutes of 100 cameras at 4 Mbit/s, so the
     * next chunks start without waiting for a sweep.
     */
    static final long HEADROOM_BYTES = 256L << 20;

    private final CameraService cameras;
    private final List<LocalVolumeConfig> volumes;
    private final StorageTiers tiers;
    private final VolumeStore store;
    private final ChunkIndex index;
    private final Bookmarks bookmarks;
    private final Recorder recorder;
    private final RecordedChunks recorded;
    private final RecordingService service;
    private final ScheduledExecutorService sweeps;

    /**
     * Opens the tiers, recovers what a killed process left open, starts recording every camera as its settings say,
     * then the mover and the retention sweeps.
     *
     * @param metadata the metadata database, which holds the chunk index and bookmarks
     * @param settings each camera's recording mode and retention
     * @param cameras  the cameras to record
     * @param node     the cluster node's name, recorded with each chunk it writes; null on a single node
     */
    public RecordingRole(RecordingConfig config, StorageConfig storage, Database metadata, NodeKeys keys,
                         CameraRecordingRepository settings, CameraService cameras, String node, Clock clock)
            throws IOException {
        this.cameras = cameras;
        volumes = volumes(config);
        tiers = openTiers(config, storage, keys, metadata.dataSource(), clock);
        store = tiers.store();
        // Requests read the index in their tenant's scope; the recorders and retention index every tenant's chunks
        // on threads that serve no request.
        index = new JdbcChunkIndex(metadata.dataSource());
        ChunkIndex everyTenant = new JdbcChunkIndex(metadata.systemDataSource(), node);
        bookmarks = new JdbcBookmarks(metadata.dataSource());
        recorder = new Recorder(store, everyTenant, new RecorderConfig(config.chunkDuration(), MAX_FRAGMENT,
                config.syncInterval(), ROOM_CHECK), RECORDER_THREADS);
        recorded = new RecordedChunks(index, recorder);
        service = new RecordingService(recorder, settings, new RetentionSweeper(everyTenant, store, clock,
                HEADROOM_BYTES), new JdbcEventProtections(metadata.systemDataSource()), clock,
                tiers.service()::retentionFor);
        sweeps = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("argus-retention").daemon()
                .factory());
        try {
            int recovered = recorder.recover().size();
            if (recovered > 0) {
                LOG.info("recording: recovered {} chunk(s) left open by the last run", recovered);
            }
            service.startAll(cameras);
            tiers.start();
            sweeps.scheduleWithFixedDelay(this::sweepNow, SWEEP_INTERVAL.toSeconds(), SWEEP_INTERVAL.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The recording volumes as configured: {@code hot}, {@code hot2}, … in the order of {@code recording.dir}. */
    static List<LocalVolumeConfig> volumes(RecordingConfig config) {
        long max = config.maxBytes() == 0 ? Long.MAX_VALUE : config.maxBytes();
        List<LocalVolumeConfig> volumes = new ArrayList<>();
        for (int i = 0; i < config.dirs().size(); i++) {
            volumes.add(new LocalVolumeConfig(i == 0 ? VOLUME : VOLUME + (i + 1), config.dirs().get(i), max,
                    config.minFreeBytes()));
        }
        return List.copyOf(volumes);
    }

    /**
     * Every tier behind one store (also for the offline CLI commands): the recorder writes to the local volumes,
     * playback, retention and the mover find chunks on any tier. Encryption sits on top of the tiers, so new chunks
     * are encrypted (if configured) before they reach any of them, the mover's copies are encrypted again for their
     * target, and encrypted chunks are read from anywhere.
     */
    public static StorageTiers openTiers(RecordingConfig config, StorageConfig storage, NodeKeys keys, DataSource ds,
                                         Clock clock) throws IOException {
        return new StorageTiers(storage, LocalSegmentStore.open(volumes(config)), ds, clock,
                tiered -> new EncryptedSegmentStore(tiered, keys.ring(), keys.encryptRecordings()));
    }

    /** Runs retention and the disk-space sweep now (the timer runs it every {@link #SWEEP_INTERVAL}). */
    public void sweepNow() {
        try {
            TenantScope.system(() -> {
                service.sweep(cameras);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        sweeps.shutdownNow();
        tiers.close();
        recorder.close();
        store.close();
    }

    public VolumeStore store() {
        return store;
    }

    public ChunkIndex index() {
        return index;
    }

    /** The recording volumes as configured (name, directory, limits), for the storage view. */
    public List<LocalVolumeConfig> volumes() {
        return volumes;
    }

    /** The closed chunks and the ones being recorded, up to their last fragment written: what playback serves. */
    public RecordedChunks recorded() {
        return recorded;
    }

    public Bookmarks bookmarks() {
        return bookmarks;
    }

    /** Storage tiers: the tiered store, the mover's schedule and metrics, and the service the API calls. */
    public StorageTiers tiers() {
        return tiers;
    }

    public RecordingService service() {
        return service;
    }

    /**
     * Recorded video the chunk index refused because a newer owner of the camera had stored a chunk (cluster
     * fencing): {@code argus_recording_fenced_chunks_total} and {@code argus_recording_fenced_bytes_total}. Each
     * refusal is also logged, with the chunk.
     */
    public void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("argus.recording.fenced.chunks", recorder, Recorder::fencedChunks)
                .description("chunks the index refused: a newer owner of the camera recorded it").register(registry);
        FunctionCounter.builder("argus.recording.fenced.bytes", recorder, Recorder::fencedBytes).baseUnit("bytes")
                .description("bytes of the chunks the index refused (fencing)").register(registry);
    }
}
