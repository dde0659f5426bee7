package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;

/**
 * Writes box headers (ISO/IEC 14496-12 §4.2) whose size is patched when the box ends, so nested boxes are written
 * in one pass without measuring first.
 */
final class Boxes {

    /** size (4) + type (4). */
    static final int HEADER_SIZE = 8;
    /** Unity transformation matrix (§8.2.2.3), 16.16 and 2.30 fixed point, for mvhd and tkhd. */
    private static final int[] UNITY_MATRIX = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};

    private Boxes() {
    }

    /** Starts a box. <b>Borrows</b> {@code out}, appending to it. @return the start, for {@link #end} */
    static int begin(ByteBuf out, int type) {
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeInt(type);
        return start;
    }

    /** Starts a full box (version and flags, §4.2.2). <b>Borrows</b> {@code out}. @return the start */
    static int beginFull(ByteBuf out, int type, int version, int flags) {
        int start = begin(out, type);
        out.writeInt(version << 24 | flags);
        return start;
    }

    /** Ends the box begun at {@code start}: writes its size. <b>Borrows</b> {@code out}. */
    static void end(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start);
    }

    /** Writes the unity matrix. <b>Borrows</b> {@code out}. */
    static void writeUnityMatrix(ByteBuf out) {
        for (int v : UNITY_MATRIX) {
            out.writeInt(v);
        }
    }
}
