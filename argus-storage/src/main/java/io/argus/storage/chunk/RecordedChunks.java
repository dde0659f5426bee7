package io.argus.storage.chunk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a camera has recorded, as playback and the timeline show it: the closed chunks of the {@link ChunkIndex} and
 * the chunk being recorded now ({@link OpenChunks}) up to its last fragment written, which is at most about a
 * second behind live. Without the open chunk, the last minute (up to a chunk's length) could not be played back.
 *
 * <p>The open chunk is looked up before the index: a chunk that closes in between is then found in both (the
 * index's row is kept), never in neither. Thread-safe.
 */
public final class RecordedChunks {

    /**
     * What {@link #find} found.
     *
     * @param chunks the chunks overlapping the range, ordered by start
     * @param open   the open chunk if it is one of them, else null
     */
    public record Found(List<ChunkRecord> chunks, OpenChunk open) {
        public Found {
            chunks = List.copyOf(chunks);
        }

        /** Whether {@code chunk} is the open one (still growing, not indexed). */
        public boolean isOpen(ChunkRecord chunk) {
            return open != null && open.record().location().equals(chunk.location());
        }
    }

    private final ChunkIndex index;
    private final OpenChunks open;

    public RecordedChunks(ChunkIndex index, OpenChunks open) {
        this.index = Objects.requireNonNull(index, "index");
        this.open = Objects.requireNonNull(open, "open");
    }

    /** Closed chunks only: what the index holds. */
    public static RecordedChunks closed(ChunkIndex index) {
        return new RecordedChunks(index, OpenChunks.NONE);
    }

    public ChunkIndex index() {
        return index;
    }

    /** The camera's chunks, closed and open, that overlap {@code [from, to)}. */
    public Found find(UUID tenant, UUID camera, Instant from, Instant to) {
        Optional<OpenChunk> o = open.find(tenant, camera);
        List<ChunkRecord> rows = index.find(tenant, camera, from, to);
        if (o.isEmpty()) {
            return new Found(rows, null);
        }
        ChunkRecord r = o.get().record();
        if (!r.end().isAfter(from) || !r.start().isBefore(to)
                || rows.stream().anyMatch(c -> c.start().equals(r.start()))) {
            return new Found(rows, null);
        }
        List<ChunkRecord> all = new ArrayList<>(rows);
        all.add(r);
        all.sort(Comparator.comparing(ChunkRecord::start));
        return new Found(all, o.get());
    }

    /** The camera's chunk being recorded now, if {@code location} is still it. */
    public Optional<OpenChunk> open(UUID tenant, UUID camera, String location) {
        return open.find(tenant, camera).filter(o -> o.record().location().equals(location));
    }

    /** Recorded stretches and gaps that tile {@code [from, to)}, the open chunk included ({@link ChunkIndex#spans}). */
    public List<Span> spans(UUID tenant, UUID camera, Instant from, Instant to) {
        return Timeline.spans(find(tenant, camera, from, to).chunks(), from, to);
    }

    /** Recorded milliseconds in each minute of {@code day}, the open chunk included (as in the index's). */
    public int[] coverageByMinute(UUID tenant, UUID camera, LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return Timeline.coverageByMinute(spans(tenant, camera, from, to), from, to);
    }
}
