package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;

/**
 * Reads the fields of one box's payload in order, never past the box's end: a short box is a
 * {@link Mp4FormatException}, not an index error.
 */
final class BoxFields {

    private final ByteBuf buf;
    private final Mp4Box box;
    private long pos;

    /** <b>Borrows</b> {@code buf} (offsets from its reader index, as in {@link Mp4BoxReader}). */
    BoxFields(ByteBuf buf, Mp4Box box) {
        this.buf = buf;
        this.box = box;
        this.pos = box.payloadOffset();
    }

    /** The version byte and 24 flag bits of a full box (§4.2.2), as one int. */
    int versionAndFlags() {
        return (int) u32();
    }

    long u32() {
        return buf.getUnsignedInt(at(4));
    }

    int i32() {
        return buf.getInt(at(4));
    }

    long u64() {
        return buf.getLong(at(8));
    }

    int u16() {
        return buf.getUnsignedShort(at(2));
    }

    void skip(int n) {
        at(n);
    }

    long remaining() {
        return box.end() - pos;
    }

    /** Fails unless every byte of the box was read. */
    void expectEnd() {
        if (pos != box.end()) {
            throw new Mp4FormatException(pos, box.typeName() + " has " + (box.end() - pos) + " unexpected bytes");
        }
    }

    private int at(int n) {
        if (pos + n > box.end()) {
            throw new Mp4FormatException(pos, box.typeName() + " too short");
        }
        long p = pos;
        pos += n;
        return buf.readerIndex() + (int) p;
    }
}
