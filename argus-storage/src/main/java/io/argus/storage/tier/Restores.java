package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.s3.RestoreOutcome;
import io.argus.storage.s3.S3SegmentStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores of chunks in archive classes ({@link TierStage#RESTORE_CLASSES}): asking the service (RestoreObject),
 * and following the restore until the object is readable. The state is kept in the index, so playback can answer
 * "restore needed" without asking the service.
 *
 * <p>A service that answers RestoreObject with NotImplemented (s3proxy, MinIO without tiering) has no archive
 * classes, so its objects are readable as they are: the restore is recorded as finished at once. Any other error
 * is an error.
 */
public final class Restores {
    private static final Logger LOG = LoggerFactory.getLogger(Restores.class);

    /** Restores polled per mover pass. */
    static final int POLL_BATCH = 200;

    private Restores() {
    }

    /** What a restore request did. */
    public record Result(List<ChunkRecord> requested, List<ChunkRecord> alreadyReadable) {
    }

    /**
     * Asks for every chunk of the camera in {@code [from, to)} that needs a restore to be restored for
     * {@code days}.
     */
    public static Result request(TierIndex index, Map<String, S3SegmentStore> targets, Clock clock, UUID tenant,
                                 UUID camera, Instant from, Instant to, int days) throws IOException {
        Instant now = clock.instant();
        List<ChunkRecord> requested = new ArrayList<>();
        List<ChunkRecord> readable = new ArrayList<>();
        for (TieredChunk t : index.tiered(tenant, camera, from, to)) {
            if (!t.restoreNeeded(now)) {
                readable.add(t.chunk());
                continue;
            }
            requested.add(t.chunk());
            if (t.restore() == RestoreState.REQUESTED) {
                continue;
            }
            S3SegmentStore s = targetOf(targets, t.chunk().location());
            RestoreOutcome o = s.restore(t.chunk().location(), days);
            if (o == RestoreOutcome.NOT_IMPLEMENTED) {
                LOG.info("{} has no archive classes (RestoreObject: NotImplemented): {} is readable as it is",
                        s.config().name(), t.chunk().location());
                index.setRestore(tenant, t.chunk().location(), RestoreState.RESTORED, now.plus(Duration.ofDays(days)));
            } else {
                index.setRestore(tenant, t.chunk().location(), RestoreState.REQUESTED, now.plus(Duration.ofDays(days)));
            }
        }
        return new Result(requested, readable);
    }

    /** Marks restores the service has finished (HEAD shows {@code ongoing-request="false"}). */
    static void poll(TierIndex index, Map<String, S3SegmentStore> targets, Clock clock) {
        for (TieredChunk t : index.restoresPending(POLL_BATCH)) {
            String location = t.chunk().location();
            try {
                if (targetOf(targets, location).restored(location)) {
                    index.setRestore(t.chunk().tenant(), location, RestoreState.RESTORED, t.restoreUntil());
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("restore of {} not checked: {}", location, e.toString());
            }
        }
    }

    static S3SegmentStore targetOf(Map<String, S3SegmentStore> targets, String location) {
        int slash = location.indexOf('/');
        if (!location.startsWith(TieredSegmentStore.REMOTE) || slash < 0) {
            throw new IllegalArgumentException("not in object storage: " + location);
        }
        S3SegmentStore s = targets.get(location.substring(TieredSegmentStore.REMOTE.length(), slash));
        if (s == null) {
            throw new IllegalArgumentException("no storage target configured for " + location);
        }
        return s;
    }
}
