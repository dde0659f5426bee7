package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A strict box parser (ISO/IEC 14496-12 §4.2): reads the boxes of a byte range, descending into the containers
 * of the files this package writes (movie, track, media, sample table, fragment boxes, sample descriptions). Every
 * size must fit its parent exactly; anything else is a {@link Mp4FormatException}. For tests, validation and
 * crash recovery, not for the hot path.
 */
public final class Mp4BoxReader {

    /**
     * Nesting depth we descend to. The deepest box we write is 8 levels down (moov/trak/mdia/minf/stbl/stsd/avc1/
     * avcC); a limit keeps hostile input from exhausting the stack.
     */
    static final int MAX_DEPTH = 16;
    /** Containers with only boxes in their payload (§8.2, 8.3, 8.4, 8.5, 8.7, 8.8). */
    private static final Set<Integer> CONTAINERS = Set.of(BoxType.MOOV, BoxType.TRAK, BoxType.MDIA, BoxType.MINF,
            BoxType.DINF, BoxType.STBL, BoxType.MVEX, BoxType.MOOF, BoxType.TRAF, BoxType.of("edts"));
    /** Full boxes with an entry count before their child boxes: stsd (§8.5.2), dref (§8.7.2). */
    private static final Set<Integer> ENTRY_CONTAINERS = Set.of(BoxType.STSD, BoxType.DREF);
    /** Bytes before the children of a VisualSampleEntry (§12.1.3), an AudioSampleEntry (§12.2.3); header excluded. */
    private static final int VISUAL_ENTRY_FIELDS = 78;
    private static final int AUDIO_ENTRY_FIELDS = 28;
    private static final Set<Integer> VISUAL_ENTRIES = Set.of(BoxType.AVC1, BoxType.of("avc3"), BoxType.HVC1,
            BoxType.of("hev1"));
    /** A 'uuid' box has a 16-byte extended type after its header (§4.2.2). */
    private static final int UUID = BoxType.of("uuid");
    private static final int UUID_LENGTH = 16;
    private static final int LARGESIZE_HEADER = 16;

    private Mp4BoxReader() {
    }

    /**
     * Reads all boxes of {@code buf}'s readable bytes, offsets counted from its reader index. <b>Borrows</b>
     * {@code buf}; its indexes do not move.
     *
     * @throws Mp4FormatException if a box is truncated, its size is impossible or children overrun their parent
     */
    public static List<Mp4Box> read(ByteBuf buf) {
        return readRange(buf, 0, buf.readableBytes(), 0);
    }

    /**
     * Reads the header of the box at {@code offset} (from the reader index) without its children: its size and type.
     * <b>Borrows</b> {@code buf}.
     *
     * @return the box, or null if fewer bytes than its header or its size remain before {@code end}, or its size is
     *         0 ("to the end of the file", which we never write and cannot check)
     * @throws Mp4FormatException if the size is smaller than the header
     */
    static Mp4Box readHeader(ByteBuf buf, long offset, long end) {
        if (end - offset < Boxes.HEADER_SIZE) {
            return null;
        }
        int base = buf.readerIndex();
        long size = buf.getUnsignedInt(base + (int) offset);
        int type = buf.getInt(base + (int) offset + 4);
        int header = Boxes.HEADER_SIZE;
        if (size == 1) {
            if (end - offset < LARGESIZE_HEADER) {
                return null;
            }
            size = buf.getLong(base + (int) offset + 8);
            header = LARGESIZE_HEADER;
        } else if (size == 0) {
            return null;
        }
        if (type == UUID) {
            header += UUID_LENGTH;
        }
        if (size < header) {
            throw new Mp4FormatException(offset, "box " + BoxType.name(type) + " size " + size + " below its header");
        }
        if (size > end - offset) {
            return null;
        }
        return new Mp4Box(type, offset, size, header, List.of());
    }

    /** {@code box} (read by {@link #readHeader}) with its children. <b>Borrows</b> {@code buf}. */
    static Mp4Box readTree(ByteBuf buf, Mp4Box box) {
        List<Mp4Box> read = readRange(buf, box.offset(), box.end(), 0);
        return read.get(0);
    }

    /** The boxes of {@code [from, end)}, containers with their children. <b>Borrows</b> {@code buf}. */
    private static List<Mp4Box> readRange(ByteBuf buf, long from, long end, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Mp4FormatException(from, "boxes nested deeper than " + MAX_DEPTH);
        }
        List<Mp4Box> boxes = new ArrayList<>();
        long pos = from;
        while (pos < end) {
            Mp4Box box = readHeader(buf, pos, end);
            if (box == null) {
                throw new Mp4FormatException(pos, "truncated or unsized box in " + (end - pos) + " bytes");
            }
            long childrenAt = childrenOffset(box);
            if (childrenAt >= 0) {
                if (childrenAt > box.end()) {
                    throw new Mp4FormatException(pos, box.typeName() + " too short for its fields");
                }
                box = new Mp4Box(box.type(), pos, box.size(), box.headerSize(),
                        readRange(buf, childrenAt, box.end(), depth + 1));
            }
            boxes.add(box);
            pos = box.end();
        }
        return boxes;
    }

    /** Where a box's children start, or -1 for a leaf. */
    private static long childrenOffset(Mp4Box box) {
        int type = box.type();
        if (CONTAINERS.contains(type)) {
            return box.payloadOffset();
        }
        if (ENTRY_CONTAINERS.contains(type)) {
            return box.payloadOffset() + 8;
        }
        if (VISUAL_ENTRIES.contains(type)) {
            return box.payloadOffset() + VISUAL_ENTRY_FIELDS;
        }
        if (type == BoxType.MP4A) {
            return box.payloadOffset() + AUDIO_ENTRY_FIELDS;
        }
        return -1;
    }
}
