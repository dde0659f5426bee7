package io.argus.storage.playback;

import io.argus.media.codec.format.fmp4.BoxType;
import io.argus.media.codec.format.fmp4.Fmp4FragmentReader;
import io.argus.media.codec.format.fmp4.Mp4Box;
import io.argus.media.codec.format.fmp4.Mp4BoxReader;
import io.argus.media.codec.format.fmp4.Mp4FormatException;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fragment map of stored chunks ({@link ChunkMedia}), read with ranged reads of box headers, the init segment
 * and whole moofs only: an mdat's payload is never read. Maps are cached per location in a small LRU, since a
 * closed chunk never changes; the map of a chunk still being recorded ({@link OpenChunk}) is cached apart and
 * extended by the fragments written since. Thread-safe.
 */
public final class ChunkFragments {
    /**
     * Chunk maps kept. A map is about 10 KB (a minute of one-second fragments); 1,024 of them (10 MB) hold a day
     * of one camera's one-minute chunks or the last hours viewed of a few dozen cameras, so scrubbing and
     * re-requested playlists hit the cache while memory stays bounded.
     */
    public static final int DEFAULT_CAPACITY = 1024;
    /** A box header with a 64-bit largesize (§4.2). */
    private static final int MAX_HEADER = 16;
    /**
     * The largest moof or moov read into memory. A moof of a one-second fragment is a few hundred bytes (a GOP of
     * a few seconds, a few kilobytes); 16 MiB bounds what a corrupt size field can make us allocate.
     */
    static final int MAX_METADATA_BOX = 16 << 20;

    private final SegmentStore store;
    private final ByteBufAllocator alloc;
    private final Map<String, ChunkMedia> cache;
    private final Map<String, ChunkMedia> growing;

    public ChunkFragments(SegmentStore store, ByteBufAllocator alloc) {
        this(store, alloc, DEFAULT_CAPACITY);
    }

    public ChunkFragments(SegmentStore store, ByteBufAllocator alloc, int capacity) {
        this.store = Objects.requireNonNull(store, "store");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.cache = lru(capacity);
        this.growing = lru(capacity);
    }

    private static Map<String, ChunkMedia> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChunkMedia> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The map of the chunk at {@code location}, from the cache or read now.
     *
     * @throws IOException if the chunk cannot be read, or is not a fragmented MP4 (an {@link Mp4FormatException}
     *                     as the cause)
     */
    public ChunkMedia get(String location) throws IOException {
        synchronized (cache) {
            ChunkMedia m = cache.get(location);
            if (m != null) {
                return m;
            }
        }
        ChunkMedia m;
        try (ReadableChunk chunk = store.open(location)) {
            m = scan(chunk, alloc);
        }
        synchronized (cache) {
            cache.put(location, m);
        }
        return m;
    }

    /**
     * The map of a chunk being recorded, as far as it is written: the map read last time for it, extended by the
     * fragments written since (only their moofs are read). A map read for a later part is as good: every byte it
     * names is written, and {@link Playback} reads the chunk through its latest written part.
     */
    public ChunkMedia get(OpenChunk open) throws IOException {
        String location = open.record().location();
        ChunkMedia known;
        synchronized (growing) {
            known = growing.get(location);
        }
        if (known != null && known.end() >= open.record().bytes()) {
            return known;
        }
        ChunkMedia m;
        try (ReadableChunk chunk = open.open()) {
            m = scan(chunk, alloc, known);
        }
        synchronized (growing) {
            ChunkMedia now = growing.get(location);
            if (now == null || now.end() < m.end()) {
                growing.put(location, m);
            }
        }
        return m;
    }

    /** The map of an open chunk, read now. */
    public static ChunkMedia scan(ReadableChunk chunk, ByteBufAllocator alloc) throws IOException {
        return scan(chunk, alloc, null);
    }

    /** The map of {@code chunk}, read on from the end of {@code known} (a map of a part of it) if not null. */
    private static ChunkMedia scan(ReadableChunk chunk, ByteBufAllocator alloc, ChunkMedia known) throws IOException {
        try {
            return known == null ? scanChecked(chunk, alloc) : fragments(chunk, alloc, known.initSize(),
                    known.tracks(), known.formatSignature(), known.end(), new ArrayList<>(known.fragments()));
        } catch (Mp4FormatException e) {
            throw new IOException("chunk " + chunk.location() + " is not a fragmented MP4 we can play: "
                    + e.getMessage(), e);
        }
    }

    private static ChunkMedia scanChecked(ReadableChunk chunk, ByteBufAllocator alloc) throws IOException {
        long[] ftyp = header(chunk, 0, alloc);
        if (ftyp == null || ftyp[1] != BoxType.FTYP) {
            throw new Mp4FormatException(0, "no ftyp");
        }
        long[] moov = header(chunk, ftyp[0], alloc);
        if (moov == null || moov[1] != BoxType.MOOV) {
            throw new Mp4FormatException(ftyp[0], "no moov after the ftyp");
        }
        long initSize = ftyp[0] + moov[0];
        List<Mp4Structure.Track> tracks;
        String signature;
        ByteBuf init = chunk.read(0, checkedSize(initSize, 0), alloc);
        try {
            tracks = Mp4Structure.validate(init).tracks();
            signature = signature(init);
        } finally {
            init.release();
        }
        return fragments(chunk, alloc, initSize, tracks, signature, initSize, new ArrayList<>());
    }

    /** Reads the fragments from {@code pos} to the end of the chunk onto {@code fragments}. */
    private static ChunkMedia fragments(ReadableChunk chunk, ByteBufAllocator alloc, long initSize,
                                        List<Mp4Structure.Track> tracks, String signature, long pos,
                                        List<ChunkFragment> fragments) throws IOException {
        long size = chunk.size();
        while (pos < size) {
            long[] box = header(chunk, pos, alloc);
            if (box == null) {
                throw new Mp4FormatException(pos, "truncated box at the end of the chunk");
            }
            if (box[1] != BoxType.MOOF) {
                pos += box[0];
                continue;
            }
            long moofSize = box[0];
            // The moof and the 8 bytes of the mdat's compact header in one read; a largesize header needs another.
            int tail = (int) Math.min(8, size - pos - moofSize);
            ByteBuf moofAndMdatHeader = chunk.read(pos, checkedSize(moofSize, pos) + tail, alloc);
            try {
                long[] mdat = parseHeader(moofAndMdatHeader.slice((int) moofSize, tail), size - pos - moofSize);
                if (mdat == null && tail == 8) {
                    mdat = header(chunk, pos + moofSize, alloc);
                }
                if (mdat == null || mdat[1] != BoxType.MDAT) {
                    throw new Mp4FormatException(pos + moofSize, "moof not followed by an mdat");
                }
                List<FragmentRun> runs = FragmentRun.of(Fmp4FragmentReader.read(
                        moofAndMdatHeader.slice(0, (int) moofSize), (int) mdat[2], mdat[0]));
                fragments.add(new ChunkFragment(pos, moofSize, moofSize + mdat[0], runs));
                pos += moofSize + mdat[0];
            } finally {
                moofAndMdatHeader.release();
            }
        }
        return new ChunkMedia(chunk.location(), initSize, tracks, signature, fragments);
    }

    /** The stsd boxes of every trak, in order, as hex. */
    private static String signature(ByteBuf init) {
        List<Mp4Box> boxes = Mp4BoxReader.read(init);
        StringBuilder sb = new StringBuilder();
        for (Mp4Box trak : boxes.get(1).children(BoxType.TRAK)) {
            Mp4Box stsd = trak.find("mdia/minf/stbl/stsd");
            if (stsd == null) {
                throw new Mp4FormatException(trak.offset(), "trak without stsd");
            }
            sb.append(HexFormat.of().formatHex(ByteBufUtil.getBytes(init, init.readerIndex() + (int) stsd.offset(),
                    (int) stsd.size()))).append('/');
        }
        return sb.toString();
    }

    private static int checkedSize(long boxSize, long at) {
        if (boxSize > MAX_METADATA_BOX) {
            throw new Mp4FormatException(at, "metadata box of " + boxSize + " bytes, over " + MAX_METADATA_BOX);
        }
        return (int) boxSize;
    }

    /** {size, type, header size} of the box at {@code pos}, or null if the chunk ends before its header does. */
    private static long[] header(ReadableChunk chunk, long pos, ByteBufAllocator alloc) throws IOException {
        long left = chunk.size() - pos;
        if (left < 8) {
            return null;
        }
        ByteBuf h = chunk.read(pos, (int) Math.min(MAX_HEADER, left), alloc);
        try {
            return parseHeader(h, left);
        } finally {
            h.release();
        }
    }

    /** Borrows {@code h}; {@code left} is the bytes from the box start to the end of the chunk. */
    private static long[] parseHeader(ByteBuf h, long left) {
        if (h.readableBytes() < 8) {
            return null;
        }
        long size = h.getUnsignedInt(h.readerIndex());
        int type = h.getInt(h.readerIndex() + 4);
        int headerSize = 8;
        if (size == 1) {
            if (h.readableBytes() < 16) {
                return null;
            }
            size = h.getLong(h.readerIndex() + 8);
            headerSize = 16;
        } else if (size == 0) {
            size = left;
        }
        if (size < headerSize || size > left) {
            throw new Mp4FormatException(0, "box " + BoxType.name(type) + " of size " + size + " with " + left
                    + " bytes left in the chunk");
        }
        return new long[] {size, type, headerSize};
    }
}
