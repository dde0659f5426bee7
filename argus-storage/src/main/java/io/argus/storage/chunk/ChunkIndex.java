package io.argus.storage.chunk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The index of closed chunks, one row each, from which playback is served. Every call is scoped by tenant.
 * Implemented over JDBC in argus-metadata ({@code JdbcChunkIndex}); the tables keep bookmarks beside it, so
 * "protected" (overlapped by a bookmark of the same camera, see {@link Bookmarks}) is decided in one query.
 *
 * <p>Gaps are explicit, never inferred wrong: {@link #spans} reports every stretch of {@code [from, to)} that no
 * chunk covers as a {@link Span.Kind#GAP}, including before the first and after the last chunk; only holes up to
 * {@link #GAP_TOLERANCE} between consecutive chunks count as recorded.
 */
public interface ChunkIndex {
    /**
     * Consecutive chunks closer than this still touch. One chunk ends at its last sample's time plus that sample's
     * duration and the next starts at its first sample, so they meet exactly unless the camera's timestamps jitter
     * or the last duration was estimated; half a second absorbs that (it is one frame at 2 fps), while any real
     * outage (a reconnect takes over a second) shows as a gap.
     */
    Duration GAP_TOLERANCE = Duration.ofMillis(500);

    /**
     * The epoch of a chunk no fence applies to: one recovered at start-up (its writer is dead, so it races nobody,
     * and the epoch it was written in is not known) or a pushed camera recorded where its publisher dialled. The
     * fence never refuses it, and it never raises a camera's highest epoch.
     */
    long UNFENCED = 0;

    /**
     * Adds a closed chunk's row, {@link #UNFENCED}. Idempotent for a recovered chunk indexed before its process died.
     *
     * @return false if the camera already has a chunk starting then, or the location is already indexed
     */
    default boolean add(ChunkRecord record) {
        return add(record, UNFENCED);
    }

    /**
     * Adds a closed chunk's row written in fencing {@code epoch} (the shard owner's epoch, see the cluster's
     * {@code ShardListener}), stored with it. A chunk whose epoch is lower than the highest stored for its camera is
     * refused: its writer no longer owns the camera, and a newer owner's chain must not be forked by it.
     *
     * @return false if the camera already has a chunk starting then, or the location is already indexed
     * @throws ChunkFencedException when {@code epoch} is below the camera's highest (and not {@link #UNFENCED})
     */
    boolean add(ChunkRecord record, long epoch);

    /** The camera's latest chunk (largest start), for chaining the next one's {@code prevSha256}. */
    Optional<ChunkRecord> last(UUID tenant, UUID camera);

    /** The camera's chunks that overlap {@code [from, to)}, ordered by start. */
    List<ChunkRecord> find(UUID tenant, UUID camera, Instant from, Instant to);

    /** Recorded stretches and gaps that exactly tile {@code [from, to)}, in order (see {@link #GAP_TOLERANCE}). */
    default List<Span> spans(UUID tenant, UUID camera, Instant from, Instant to) {
        return Timeline.spans(find(tenant, camera, from, to), from, to);
    }

    /**
     * The conversions of the camera's chunks that overlap {@code [from, to)} and whose stored object a tier
     * re-encoded, by location; chunks stored as recorded are absent.
     */
    Map<String, ChunkConversion> conversions(UUID tenant, UUID camera, Instant from, Instant to);

    /**
     * Recorded milliseconds (0..60,000) in each minute of {@code day} in {@code zone}, for a timeline; the array
     * has one entry per minute of that day (1,380 or 1,500 on daylight-saving days).
     */
    default int[] coverageByMinute(UUID tenant, UUID camera, LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return Timeline.coverageByMinute(spans(tenant, camera, from, to), from, to);
    }

    /**
     * The oldest chunks on a volume that no bookmark protects, oldest first, for eviction when the volume is full
     * (every tenant's and camera's chunks on it compete).
     */
    List<ChunkRecord> oldestUnprotected(String volume, int limit);

    /**
     * The camera's chunks that ended at or before {@code before} and that neither a bookmark nor an event's window
     * ({@link EventProtections}) protects, oldest first.
     */
    List<ChunkRecord> olderThan(UUID tenant, UUID camera, Instant before, int limit);

    /**
     * Removes a chunk's row (after its bytes are deleted).
     *
     * @return false if no such row was there
     */
    boolean delete(UUID tenant, String location);
}
