package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.RecordedChunks;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.Tier;
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
 *
 * <p>With {@link RecordedChunks} that include the chunks being recorded, a range reaches up to the last fragment
 * written (about a second behind live) before its chunk closes: such a chunk is mapped and read through its
 * written part, keeps its id when it closes, and its playlist stays open (no {@code EXT-X-ENDLIST}) while the range
 * reaches past what is written of it.
 */
public final class Playback {
    /**
     * The longest range a playlist or export may span: a day. A day's playlist is 1,440 chunks and about 50,000
     * segments (a few megabytes of text, a second or two of chunk scans when cold); longer ranges are better asked
     * for day by day.
     */
    public static final Duration MAX_RANGE = Duration.ofHours(24);

    private final RecordedChunks recorded;
    private final SegmentStore store;
    private final ChunkFragments fragments;
    private final ByteBufAllocator alloc;
    private final String node;
    private final ChunkSource source = this::open;

    /** Playback of closed chunks only (the evidence export: only those are hash-chained), on a single node. */
    public Playback(ChunkIndex index, SegmentStore store, ChunkFragments fragments, ByteBufAllocator alloc) {
        this(RecordedChunks.closed(index), store, fragments, alloc, null);
    }

    /** Playback of the closed chunks and, if {@code recorded} has them, the chunks being recorded, on a single node. */
    public Playback(RecordedChunks recorded, SegmentStore store, ChunkFragments fragments, ByteBufAllocator alloc) {
        this(recorded, store, fragments, alloc, null);
    }

    /**
     * @param node this cluster node's name: a chunk another node wrote ({@link ChunkRecord#writerNode()}) is on that
     *             node's disk until it is copied to object storage; null on a single node, whose chunks are all here
     */
    public Playback(RecordedChunks recorded, SegmentStore store, ChunkFragments fragments, ByteBufAllocator alloc,
                    String node) {
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.store = Objects.requireNonNull(store, "store");
        this.fragments = Objects.requireNonNull(fragments, "fragments");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.node = node;
    }

    public static long chunkId(ChunkRecord chunk) {
        return chunk.start().toEpochMilli();
    }

    /** The camera's chunk with this id, if it is indexed or being recorded. */
    public Optional<ChunkRecord> chunk(UUID tenant, UUID camera, long chunkId) {
        Instant start = Instant.ofEpochMilli(chunkId);
        return recorded.find(tenant, camera, start, start.plusMillis(1)).chunks().stream()
                .filter(c -> c.start().toEpochMilli() == chunkId).findFirst();
    }

    /** A chunk as playback serves it (see {@link WallClockChunk}). */
    public WallClockChunk served(ChunkRecord chunk) throws IOException {
        Optional<OpenChunk> open = recorded.open(chunk.tenant(), chunk.camera(), chunk.location());
        return open.isPresent() ? new WallClockChunk(chunk, fragments.get(open.get()), true)
                : new WallClockChunk(chunk, fragments.get(stored(chunk)), false);
    }

    /**
     * Opens a chunk's bytes: from the store once it is closed, else its latest written part (which holds every
     * fragment of any map read of it before).
     */
    public ReadableChunk open(ChunkRecord chunk) throws IOException {
        Optional<OpenChunk> open = recorded.open(chunk.tenant(), chunk.camera(), chunk.location());
        return open.isPresent() ? open.get().open() : store.open(stored(chunk));
    }

    /**
     * The location of a closed chunk this node can read: every read of a closed chunk's bytes (its fragment map, its
     * media) asks here first. A hot chunk is on its writer's disk; the tier mover's copy to object storage changes its
     * tier and location together, and then every node reads it.
     *
     * @throws ChunkElsewhereException if it is on another node's local disk
     */
    private String stored(ChunkRecord chunk) {
        if (node != null && chunk.writerNode() != null && !node.equals(chunk.writerNode())
                && chunk.tier() == Tier.HOT) {
            throw new ChunkElsewhereException(chunk);
        }
        return chunk.location();
    }

    /** Sends a range of a served chunk, opened with {@link #open}. */
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
        return gops(recorded.find(tenant, camera, from, to), from, to);
    }

    private List<Gop> gops(RecordedChunks.Found found, Instant from, Instant to) throws IOException {
        List<Gop> out = new ArrayList<>();
        for (ChunkRecord c : found.chunks()) {
            ChunkMedia media = found.isOpen(c) ? fragments.get(found.open()) : fragments.get(stored(c));
            overlapping(Gop.of(c, media), from, to, out);
        }
        return out;
    }

    /** The GOPs of {@code chunks} (closed, ordered by start) that overlap {@code [from, to)}, in order. */
    public static List<Gop> gops(List<ChunkRecord> chunks, ChunkFragments fragments, Instant from, Instant to)
            throws IOException {
        List<Gop> out = new ArrayList<>();
        for (ChunkRecord c : chunks) {
            overlapping(Gop.of(c, fragments.get(c.location())), from, to, out);
        }
        return out;
    }

    private static void overlapping(List<Gop> gops, Instant from, Instant to, List<Gop> out) {
        for (Gop g : gops) {
            if (g.end().isAfter(from) && g.start().isBefore(to)) {
                out.add(g);
            }
        }
    }

    /**
     * What a playlist of {@code [from, to)} lists: its GOPs, and whether the range is over.
     *
     * @param gops  the segments, in order (never empty)
     * @param ended VOD with {@code EXT-X-ENDLIST}, or EVENT (the player reloads and finds what is recorded since)
     */
    public record Listing(List<Gop> gops, boolean ended) {
    }

    /**
     * The segments of the HLS playlist of {@code [from, to)}: VOD if {@code to} is not after {@code now} and
     * everything up to {@code to} is listed, else EVENT. The last GOP of a chunk being recorded is left out until
     * the next one starts: a listed segment must never change, and that GOP may still grow.
     *
     * @throws PlaybackException {@link PlaybackException.Reason#NOTHING_RECORDED}
     */
    public Listing listing(UUID tenant, UUID camera, Instant from, Instant to, Instant now) throws IOException {
        checkRange(from, to);
        RecordedChunks.Found found = recorded.find(tenant, camera, from, to);
        List<Gop> gops = gops(found, from, to);
        boolean growing = false;
        if (found.open() != null && !gops.isEmpty() && found.isOpen(gops.get(gops.size() - 1).chunk())) {
            Gop last = gops.get(gops.size() - 1);
            TimedFragment end = last.fragments().get(last.fragments().size() - 1);
            growing = end.index() == last.media().fragments().size() - 1;
            if (growing) {
                gops.remove(gops.size() - 1);
            }
        }
        if (gops.isEmpty()) {
            throw PlaybackException.nothingRecorded(from, to);
        }
        return new Listing(List.copyOf(gops), !to.isAfter(now) && !growing);
    }

    /**
     * The HLS playlist of {@code [from, to)} as {@link #listing} lists it, segments as byte ranges of the chunks.
     *
     * @param chunkUri the URI of a chunk in the playlist (e.g. {@code "media/chunks/" + chunkId(c) + ".mp4"})
     * @throws PlaybackException {@link PlaybackException.Reason#NOTHING_RECORDED}
     */
    public String playlist(UUID tenant, UUID camera, Instant from, Instant to, Instant now,
                           Function<ChunkRecord, String> chunkUri) throws IOException {
        Listing l = listing(tenant, camera, from, to, now);
        return PlaybackPlaylist.write(l.gops(), chunkUri, l.ended());
    }

    /**
     * Plans the MP4 export of {@code [from, to)}; {@link #write} streams it. A chunk being recorded contributes
     * what is written of it.
     *
     * @throws PlaybackException {@link PlaybackException.Reason#NOTHING_RECORDED} or
     *                           {@link PlaybackException.Reason#FORMAT_CHANGE}
     */
    public Mp4Export export(UUID tenant, UUID camera, Instant from, Instant to) throws IOException {
        List<Gop> gops = gops(tenant, camera, from, to);
        if (gops.isEmpty()) {
            throw PlaybackException.nothingRecorded(from, to);
        }
        return Mp4Export.plan(source, gops, from, to, alloc);
    }

    /** Streams a planned export. */
    public void write(Mp4Export export, MediaOutput out) throws IOException {
        export.writeTo(source, out, alloc);
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
