package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Playback served from the chunk index and the chunk store: playlists, exports, and chunks by their public id.
 * Thread-safe.
 *
 * <p>A chunk's public id is its start in epoch milliseconds ({@link #chunkId}): unique per camera (the index's
 * key), URL-safe, and opaque about where and how the chunk is stored; {@link #chunk} resolves it through the
 * index, so a URL never names a file.
 */
public final class Playback {
    /**
     * The longest range a playlist or export may span: a day. A day's playlist is 1,440 chunks and about 50,000
     * segments (a few megabytes of text, a second or two of chunk scans when cold); longer ranges are better asked
     * for day by day.
     */
    public static final Duration MAX_RANGE = Duration.ofHours(24);

    private final ChunkIndex index;
    private final SegmentStore store;
    private final ChunkFragments fragments;
    private final ByteBufAllocator alloc;

    public Playback(ChunkIndex index, SegmentStore store, ChunkFragments fragments, ByteBufAllocator alloc) {
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        this.fragments = Objects.requireNonNull(fragments, "fragments");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public static long chunkId(ChunkRecord chunk) {
        return chunk.start().toEpochMilli();
    }

    /** The camera's chunk with this id, if it is indexed. */
    public Optional<ChunkRecord> chunk(UUID tenant, UUID camera, long chunkId) {
        Instant start = Instant.ofEpochMilli(chunkId);
        return index.find(tenant, camera, start, start.plusMillis(1)).stream()
                .filter(c -> c.start().toEpochMilli() == chunkId).findFirst();
    }

    /** A chunk as playback serves it (see {@link WallClockChunk}). */
    public WallClockChunk served(ChunkRecord chunk) throws IOException {
        return new WallClockChunk(chunk, fragments.get(chunk.location()));
    }

    /** Sends a range of a served chunk, opened from the store. */
    public void write(WallClockChunk chunk, ReadableChunk file, long offset, long length, MediaOutput out)
            throws IOException {
        chunk.write(file, offset, length, out, alloc);
    }

    /**
     * The GOPs of the camera's chunks that overlap {@code [from, to)}, in order: the first holds {@code from}
     * (or is the first after it), the last starts before {@code to}.
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to} or the range is over
     *                                  {@link #MAX_RANGE}
     */
    public List<Gop> gops(UUID tenant, UUID camera, Instant from, Instant to) throws IOException {
        checkRange(from, to);
        return gops(index.find(tenant, camera, from, to), fragments, from, to);
    }

    /** The GOPs of {@code chunks} (ordered by start) that overlap {@code [from, to)}, in order. */
    public static List<Gop> gops(List<ChunkRecord> chunks, ChunkFragments fragments, Instant from, Instant to)
            throws IOException {
        List<Gop> out = new ArrayList<>();
        for (ChunkRecord c : chunks) {
            for (Gop g : Gop.of(c, fragments.get(c.location()))) {
                if (g.end().isAfter(from) && g.start().isBefore(to)) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /**
     * The HLS playlist of {@code [from, to)}: VOD if {@code to} is not after {@code now}, else EVENT.
     *
     * @param chunkUri the URI of a chunk in the playlist (e.g. {@code "media/chunks/" + chunkId(c) + ".mp4"})
     * @throws PlaybackException {@link PlaybackException.Reason#NOTHING_RECORDED}
     */
    public String playlist(UUID tenant, UUID camera, Instant from, Instant to, Instant now,
                           Function<ChunkRecord, String> chunkUri) throws IOException {
        List<Gop> gops = gops(tenant, camera, from, to);
        if (gops.isEmpty()) {
            throw PlaybackException.nothingRecorded(from, to);
        }
        return PlaybackPlaylist.write(gops, chunkUri, !to.isAfter(now));
    }

    /**
     * Plans the MP4 export of {@code [from, to)}; {@link #write} streams it.
     *
     * @throws PlaybackException {@link PlaybackException.Reason#NOTHING_RECORDED} or
     *                           {@link PlaybackException.Reason#FORMAT_CHANGE}
     */
    public Mp4Export export(UUID tenant, UUID camera, Instant from, Instant to) throws IOException {
        List<Gop> gops = gops(tenant, camera, from, to);
        if (gops.isEmpty()) {
            throw PlaybackException.nothingRecorded(from, to);
        }
        return Mp4Export.plan(store, gops, from, to, alloc);
    }

    /** Streams a planned export. */
    public void write(Mp4Export export, MediaOutput out) throws IOException {
        export.writeTo(store, out, alloc);
    }

    public SegmentStore store() {
        return store;
    }

    static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to: " + from + " .. " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("a range may span at most " + MAX_RANGE.toHours() + " hours: "
                    + from + " .. " + to);
        }
    }
}
