package io.argus.storage.retention;

import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.StoredChunk;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.chunk.VolumeUsage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recorded chunks by age and for space, from the index and the store together. Every deletion removes the
 * file first and then the row, so an interruption leaves at worst a row whose file is gone, which the next sweep
 * drops (a missing file is not an error). A file without a row (deleted by hand from the database, or a crash
 * between a chunk's publication and its indexing by a caller that publishes first) is removed by
 * {@link #sweepOrphans()} once two scans at least {@link #ORPHAN_GRACE} apart have seen it without one.
 *
 * <p>Protected chunks (overlapped by a bookmark) are never deleted: the index does not offer them. Nor are chunks
 * an event's window overlaps deleted for age ({@link io.argus.storage.chunk.EventProtections}); a full volume
 * evicts them like any other.
 *
 * <p>Not thread-safe: one sweeper per store, run from one scheduled thread (the calls are blocking I/O).
 */
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    /** Rows fetched per index query: big enough to amortise the query, small enough to stop promptly. */
    static final int BATCH = 100;

    /**
     * How long a file must have been without an index row, across two scans, before it is deleted. Longer than a
     * chunk lasts plus the time to index it on a slow database, so a chunk being published is never taken.
     */
    public static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

    /** Files listed per index lookup in an orphan scan (consecutive chunks of one camera). */
    private static final int ORPHAN_LOOKUP = 1000;

    private final ChunkIndex index;
    private final VolumeStore store;
    private final Clock clock;
    private final long headroomBytes;
    private final Map<String, Instant> orphanSince = new HashMap<>();

    /**
     * @param headroomBytes room each volume should keep: {@link #evictForSpace()} evicts until each has at least
     *                      this much. Enough for the next chunks of the cameras writing to it (cameras x bitrate x
     *                      chunk length), so recording never pauses for a sweep; at least 1
     */
    public RetentionSweeper(ChunkIndex index, VolumeStore store, Clock clock, long headroomBytes) {
        if (headroomBytes < 1) {
            throw new IllegalArgumentException("headroomBytes must be at least 1: " + headroomBytes);
        }
        this.index = index;
        this.store = store;
        this.clock = clock;
        this.headroomBytes = headroomBytes;
    }

    /** Deletes the camera's unprotected chunks that ended more than {@code policy.maxAge()} ago. */
    public SweepResult sweepExpired(UUID tenant, UUID camera, RetentionPolicy policy) {
        Instant cutoff = clock.instant().minus(policy.maxAge());
        Tally tally = new Tally();
        Set<String> failed = new HashSet<>();
        while (true) {
            List<ChunkRecord> batch = index.olderThan(tenant, camera, cutoff, BATCH + failed.size());
            if (!deleteAll(batch, failed, tally, null)) {
                break;
            }
        }
        return tally.result(List.of());
    }

    /**
     * Evicts the oldest unprotected chunks of each volume that has less than the headroom, until it has it or
     * nothing unprotected is left on it.
     */
    public SweepResult evictForSpace() {
        Tally tally = new Tally();
        List<String> shortOfRoom = new ArrayList<>();
        for (VolumeUsage usage : store.usage()) {
            if (usage.roomBytes() >= headroomBytes) {
                continue;
            }
            String volume = usage.volume();
            Set<String> failed = new HashSet<>();
            boolean progress = true;
            while (progress && roomOf(volume) < headroomBytes) {
                List<ChunkRecord> batch = index.oldestUnprotected(volume, BATCH + failed.size());
                progress = deleteAll(batch, failed, tally, volume);
            }
            long room = roomOf(volume);
            if (room < headroomBytes) {
                shortOfRoom.add(volume);
                LOG.warn("volume {} still has only {} bytes of room after eviction (want {}): everything left is"
                        + " protected, or other files fill the disk", volume, room, headroomBytes);
            }
        }
        return tally.result(shortOfRoom);
    }

    private long roomOf(String volume) {
        for (VolumeUsage u : store.usage()) {
            if (u.volume().equals(volume)) {
                return u.roomBytes();
            }
        }
        throw new IllegalStateException("volume vanished: " + volume);
    }

    /**
     * Deletes the chunks of a batch, in order, skipping those that failed before; stops early once the volume (if
     * given) has its headroom.
     *
     * @return true if anything was deleted (another batch may follow)
     */
    private boolean deleteAll(List<ChunkRecord> batch, Set<String> failed, Tally tally, String volume) {
        boolean progress = false;
        for (ChunkRecord r : batch) {
            if (failed.contains(r.location())) {
                continue;
            }
            if (delete(r, tally)) {
                progress = true;
            } else {
                failed.add(r.location());
            }
            if (volume != null && roomOf(volume) >= headroomBytes) {
                return false;
            }
        }
        return progress;
    }

    /** File first, then row; a missing file still drops the row. */
    private boolean delete(ChunkRecord r, Tally tally) {
        try {
            if (!store.delete(r.location())) {
                tally.rowsWithoutFile++;
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot delete chunk {}: {}", r.location(), e.toString());
            tally.failures++;
            return false;
        }
        index.delete(r.tenant(), r.location());
        tally.deleted++;
        tally.bytes += r.bytes();
        return true;
    }

    /**
     * Lists the whole store and deletes files that have had no index row for {@link #ORPHAN_GRACE}: seen without
     * one by an earlier scan at least that long ago, and again now. Reads every file name: run it rarely (hourly,
     * and at start-up after recovery has indexed what it recovered).
     */
    public SweepResult sweepOrphans() throws IOException {
        Instant now = clock.instant();
        Tally tally = new Tally();
        Map<String, Long> orphansNow = new HashMap<>();
        List<StoredChunk> run = new ArrayList<>();
        store.forEachChunk(c -> {
            if (!run.isEmpty() && (run.size() == ORPHAN_LOOKUP || !sameCamera(run.get(0), c))) {
                collectOrphans(run, orphansNow);
                run.clear();
            }
            run.add(c);
        });
        collectOrphans(run, orphansNow);
        orphanSince.keySet().retainAll(orphansNow.keySet());
        for (Map.Entry<String, Long> orphan : orphansNow.entrySet()) {
            String location = orphan.getKey();
            Instant since = orphanSince.putIfAbsent(location, now);
            if (since == null || Duration.between(since, now).compareTo(ORPHAN_GRACE) < 0) {
                continue;
            }
            try {
                long bytes = orphan.getValue();
                if (store.delete(location)) {
                    tally.deleted++;
                    tally.bytes += bytes;
                    LOG.info("deleted orphan chunk file {} ({} bytes): no index row since {}", location, bytes, since);
                }
                orphanSince.remove(location);
            } catch (IOException e) {
                LOG.warn("cannot delete orphan chunk file {}: {}", location, e.toString());
                tally.failures++;
            }
        }
        return tally.result(List.of());
    }

    private static boolean sameCamera(StoredChunk a, StoredChunk b) {
        return a.key().tenant().equals(b.key().tenant()) && a.key().camera().equals(b.key().camera());
    }

    /** Adds the files of a run (one camera, ordered or not) that have no row to {@code orphans}, with their sizes. */
    private void collectOrphans(List<StoredChunk> run, Map<String, Long> orphans) {
        if (run.isEmpty()) {
            return;
        }
        Instant min = run.get(0).key().start();
        Instant max = min;
        for (StoredChunk c : run) {
            Instant s = c.key().start();
            min = s.isBefore(min) ? s : min;
            max = s.isAfter(max) ? s : max;
        }
        UUID tenant = run.get(0).key().tenant();
        UUID camera = run.get(0).key().camera();
        // One millisecond either side: a zero-length chunk at min still overlaps, and to is exclusive.
        Set<String> indexed = new HashSet<>();
        for (ChunkRecord r : index.find(tenant, camera, min.minusMillis(1), max.plusMillis(1))) {
            indexed.add(r.location());
        }
        for (StoredChunk c : run) {
            if (!indexed.contains(c.location())) {
                orphans.put(c.location(), c.bytes());
            }
        }
    }

    private static final class Tally {
        int deleted;
        long bytes;
        int rowsWithoutFile;
        int failures;

        SweepResult result(List<String> shortOfRoom) {
            return new SweepResult(deleted, bytes, rowsWithoutFile, failures, shortOfRoom);
        }
    }
}
