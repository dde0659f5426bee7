package io.argus.media.codec.format.fmp4;

import java.util.ArrayList;
import java.util.List;

/**
 * One box of a parsed file (ISO/IEC 14496-12 §4.2): where it is and, for the containers {@link Mp4BoxReader}
 * descends into, its children.
 *
 * @param type       the four-character code ({@link BoxType})
 * @param offset     where the box starts, from the start of the bytes read
 * @param size       the whole box, header included
 * @param headerSize 8, or 16 with a 64-bit largesize
 * @param children   the child boxes; empty for leaves
 */
public record Mp4Box(int type, long offset, long size, int headerSize, List<Mp4Box> children) {

    public Mp4Box {
        children = List.copyOf(children);
    }

    /** Where the payload (after the header) starts. */
    public long payloadOffset() {
        return offset + headerSize;
    }

    public long payloadSize() {
        return size - headerSize;
    }

    /** Where the next box starts. */
    public long end() {
        return offset + size;
    }

    public String typeName() {
        return BoxType.name(type);
    }

    /** The first child of this type, or null. */
    public Mp4Box child(int childType) {
        for (Mp4Box c : children) {
            if (c.type == childType) {
                return c;
            }
        }
        return null;
    }

    /** The children of this type, in order. */
    public List<Mp4Box> children(int childType) {
        List<Mp4Box> out = new ArrayList<>();
        for (Mp4Box c : children) {
            if (c.type == childType) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The first descendant along a path of types ({@code "mdia/minf/stbl/stsd"}), or null.
     */
    public Mp4Box find(String path) {
        Mp4Box box = this;
        for (String step : path.split("/")) {
            box = box.child(BoxType.of(step));
            if (box == null) {
                return null;
            }
        }
        return box;
    }

    /** The first child of this type; a format error if there is none. */
    Mp4Box require(int childType) {
        Mp4Box c = child(childType);
        if (c == null) {
            throw new Mp4FormatException(offset, typeName() + " without " + BoxType.name(childType));
        }
        return c;
    }

    @Override
    public String toString() {
        return typeName() + "@" + offset + "[" + size + "]" + (children.isEmpty() ? "" : children);
    }
}
