package io.argus.storage.record;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkFencedException;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The chunk index in memory, for this module's tests (the recorder's, evidence export's): {@link ChunkIndex} is
 * this module's contract, and its JDBC implementation lives in argus-metadata, above this module. No bookmarks, so
 * nothing is protected.
 */
public final class MemoryChunkIndex implements ChunkIndex {
    private final List<ChunkRecord> rows = new ArrayList<>();
    /** The highest epoch stored per camera, for the fence. */
    private final Map<UUID, Long> epochs = new HashMap<>();

    @Override
    public synchronized boolean add(ChunkRecord row, long epoch) {
        long highest = epochs.getOrDefault(row.camera(), UNFENCED);
        if (epoch != UNFENCED && epoch < highest) {
            throw new ChunkFencedException(row.camera(), row.location(), epoch, highest);
        }
        boolean taken = rows.stream().anyMatch(r -> r.location().equals(row.location())
                || r.camera().equals(row.camera()) && r.start().equals(row.start()));
        if (taken) {
            return false;
        }
        epochs.merge(row.camera(), epoch, Math::max);
        return rows.add(row);
    }

    /** Tiers (which convert chunks) live above this module: nothing here is converted. */
    @Override
    public Map<String, ChunkConversion> conversions(UUID tenant, UUID camera, Instant from, Instant to) {
        return Map.of();
    }

    @Override
    public synchronized Optional<ChunkRecord> last(UUID tenant, UUID camera) {
        return select(r -> r.tenant().equals(tenant) && r.camera().equals(camera), Integer.MAX_VALUE).stream()
                .reduce((a, b) -> b);
    }

    @Override
    public synchronized List<ChunkRecord> find(UUID tenant, UUID camera, Instant from, Instant to) {
        return select(r -> r.tenant().equals(tenant) && r.camera().equals(camera) && r.start().isBefore(to)
                && r.end().isAfter(from), Integer.MAX_VALUE);
    }

    @Override
    public synchronized List<ChunkRecord> oldestUnprotected(String volume, int limit) {
        return select(r -> r.volume().equals(volume), limit);
    }

    @Override
    public synchronized List<ChunkRecord> olderThan(UUID tenant, UUID camera, Instant before, int limit) {
        return select(r -> r.tenant().equals(tenant) && r.camera().equals(camera) && !r.end().isAfter(before),
                limit);
    }

    @Override
    public synchronized boolean delete(UUID tenant, String location) {
        return rows.removeIf(r -> r.tenant().equals(tenant) && r.location().equals(location));
    }

    /** Matching rows, oldest first. */
    private List<ChunkRecord> select(Predicate<ChunkRecord> filter, int limit) {
        return rows.stream().filter(filter).sorted(Comparator.comparing(ChunkRecord::start)).limit(limit).toList();
    }
}
