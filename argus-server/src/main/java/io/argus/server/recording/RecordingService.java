package io.argus.server.recording;

import io.argus.media.path.Path;
import io.argus.metadata.Camera;
import io.argus.metadata.CameraRecording;
import io.argus.metadata.CameraRecordingRepository;
import io.argus.server.camera.CameraService;
import io.argus.storage.chunk.EventProtections;
import io.argus.storage.record.Recorder;
import io.argus.storage.record.RecordingMode;
import io.argus.storage.record.RecordingSettings;
import io.argus.storage.record.RecordingStatus;
import io.argus.storage.retention.RetentionPolicy;
import io.argus.storage.retention.RetentionSweeper;
import io.argus.storage.retention.SweepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a recorder for every camera this node ingests ({@link CameraService.IngestListener}: in a cluster, those of
 * the shards it owns, in their fencing epoch), in step with its stored settings, and runs retention. Cameras without
 * a settings row record continuously, keep {@link #DEFAULT_RETENTION_DAYS} days, and use the default buffers.
 */
public final class RecordingService implements CameraService.Listener, CameraService.IngestListener {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);

    /** A month: what most sites' policies ask for when they ask for nothing in particular. */
    public static final int DEFAULT_RETENTION_DAYS = 30;

    /** Longest retention accepted: ten years of evidence. */
    public static final int MAX_RETENTION_DAYS = 3650;

    private final Recorder recorder;
    private final CameraRecordingRepository settings;
    private final RetentionSweeper sweeper;
    private final EventProtections protections;
    private final Clock clock;
    private final BiFunction<UUID, UUID, Optional<Duration>> retentionOverride;
    /** Volumes the last sweep left short of room, to log changes only. */
    private Set<String> shortOfRoom = Set.of();

    /**
     * @param protections       events' windows, whose lapsed ones each sweep removes first (the index keeps the
     *                          rest from age retention)
     * @param retentionOverride a camera's retention when something else decides it (its storage tier policy),
     *                          else empty and the camera's own retention days apply
     */
    public RecordingService(Recorder recorder, CameraRecordingRepository settings, RetentionSweeper sweeper,
                            EventProtections protections, Clock clock,
                            BiFunction<UUID, UUID, Optional<Duration>> retentionOverride) {
        this.recorder = recorder;
        this.protections = protections;
        this.retentionOverride = retentionOverride;
        this.settings = settings;
        this.sweeper = sweeper;
        this.clock = clock;
    }

    /** Starts recorders for the cameras this node ingests now; then follows the camera service. */
    public void startAll(CameraService cameras) {
        cameras.addListener(this);
        cameras.followIngest(this);
    }

    @Override
    public void started(Camera camera, Path path, long epoch) {
        recorder.add(camera.tenantId(), camera.id(), path, settingsOf(find(camera.tenantId(), camera.id())), epoch);
    }

    @Override
    public void stopped(Collection<UUID> cameras) {
        recorder.remove(cameras);
    }

    @Override
    public void removed(UUID tenant, UUID camera) {
        settings.delete(tenant, camera);
    }

    /**
     * The camera's settings changed on another node: applies the stored ones to its recorder here, if this node
     * records it.
     */
    public void reload(UUID tenant, UUID camera) {
        recorder.configure(camera, settingsOf(find(tenant, camera)));
    }

    /** The stored settings, or the defaults. */
    public CameraRecording find(UUID tenant, UUID camera) {
        return settings.find(tenant, camera).orElseGet(() -> defaults(tenant, camera));
    }

    private CameraRecording defaults(UUID tenant, UUID camera) {
        RecordingSettings d = RecordingSettings.CONTINUOUS;
        return new CameraRecording(tenant, camera, d.mode().name(), d.preBuffer(), d.postBuffer(),
                DEFAULT_RETENTION_DAYS, clock.instant());
    }

    /** Stores new settings and applies them at once. */
    public CameraRecording update(CameraRecording next) {
        settingsOf(next);
        if (next.retentionDays() < 1 || next.retentionDays() > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("retentionDays must be 1.." + MAX_RETENTION_DAYS);
        }
        settings.put(next);
        recorder.configure(next.cameraId(), settingsOf(next));
        return next;
    }

    public Optional<RecordingStatus> status(UUID camera) {
        return recorder.status(camera);
    }

    /** An event: a camera in events mode records from its pre-buffer through its post-buffer. */
    public boolean trigger(UUID camera, Instant at) {
        return recorder.trigger(camera, at);
    }

    static RecordingSettings settingsOf(CameraRecording r) {
        return new RecordingSettings(RecordingMode.parse(r.mode()), r.preBuffer(), r.postBuffer());
    }

    /**
     * Deletes what each camera's retention lets go (bookmarked spans and events' windows stay), and frees space on
     * full volumes.
     */
    public void sweep(CameraService cameras) {
        protections.expire(clock.instant());
        long deleted = 0;
        long freed = 0;
        for (Camera c : cameras.all().keySet()) {
            CameraRecording r = find(c.tenantId(), c.id());
            Duration maxAge = retentionOverride.apply(c.tenantId(), c.id())
                    .orElse(Duration.ofDays(r.retentionDays()));
            SweepResult res = sweeper.sweepExpired(c.tenantId(), c.id(), new RetentionPolicy(maxAge));
            deleted += res.chunksDeleted();
            freed += res.bytesFreed();
        }
        SweepResult space = sweeper.evictForSpace();
        deleted += space.chunksDeleted();
        freed += space.bytesFreed();
        reportRoom(space.volumesShortOfRoom());
        if (deleted > 0) {
            LOG.info("retention: deleted {} chunks ({} bytes)", deleted, freed);
        }
    }

    /**
     * Logs when volumes become short of room with nothing left to evict, and when they have room again: once per
     * change, not at every sweep (the cameras log their own pauses and resumptions).
     */
    private synchronized void reportRoom(List<String> volumes) {
        Set<String> now = Set.copyOf(volumes);
        Set<String> newlyShort = new TreeSet<>(now);
        newlyShort.removeAll(shortOfRoom);
        Set<String> recovered = new TreeSet<>(shortOfRoom);
        recovered.removeAll(now);
        if (!newlyShort.isEmpty()) {
            LOG.warn("recording volumes {} are short of room and everything left on them is protected by bookmarks"
                    + " (or the disk is filled by something else); cameras pause there while they are full",
                    newlyShort);
        }
        if (!recovered.isEmpty()) {
            LOG.info("recording volumes {} have room again", recovered);
        }
        shortOfRoom = now;
    }
}
