package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Fragmented-MP4-shaped bytes for store tests: an init segment (ftyp, moov) and fragments (moof, mdat) whose
 * payload is a function of the fragment number, so a reader can tell which bytes belong where. The box framing is
 * real (ISO/IEC 14496-12 §4.2: 32-bit size, 4-character type); the contents are not a playable movie. The fMP4
 * module's muxer and parser replace this once the recorder joins the two.
 */
final class FakeFmp4 {
    static final int MOOF_SIZE = 24;

    private FakeFmp4() {
    }

    static ByteBuf init(ByteBufAllocator alloc) {
        ByteBuf b = alloc.directBuffer();
        box(b, "ftyp", 16);
        box(b, "moov", 64);
        return b;
    }

    /** A fragment as the muxer makes one: a composite of a moof buffer and an mdat buffer (direct memory). */
    static ByteBuf fragment(ByteBufAllocator alloc, int n, int payloadBytes) {
        ByteBuf moof = alloc.directBuffer(MOOF_SIZE);
        box(moof, "moof", MOOF_SIZE - 8);
        ByteBuf mdat = alloc.directBuffer(8 + payloadBytes);
        mdat.writeInt(8 + payloadBytes).writeBytes("mdat".getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payloadBytes; i++) {
            payload[i] = (byte) (n * 31 + i);
        }
        mdat.writeBytes(payload);
        CompositeByteBuf f = alloc.compositeDirectBuffer(2);
        f.addComponents(true, moof, mdat);
        return f;
    }

    static int fragmentSize(int payloadBytes) {
        return MOOF_SIZE + 8 + payloadBytes;
    }

    private static void box(ByteBuf b, String type, int contentBytes) {
        b.writeInt(8 + contentBytes).writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        b.writeZero(contentBytes);
    }

    /**
     * The end of the last moof+mdat pair that is wholly present, walking top-level boxes; 0 if there is none.
     * Borrows {@code file}.
     */
    static long lastCompleteFragmentEnd(ByteBuf file) {
        int pos = file.readerIndex();
        int end = file.writerIndex();
        long lastEnd = 0;
        boolean inFragment = false;
        while (end - pos >= 8) {
            long size = file.getUnsignedInt(pos);
            String type = file.toString(pos + 4, 4, StandardCharsets.US_ASCII);
            if (size < 8 || size > end - pos) {
                break;
            }
            pos += (int) size;
            if (type.equals("moof")) {
                inFragment = true;
            } else if (type.equals("mdat") && inFragment) {
                lastEnd = pos;
                inFragment = false;
            }
        }
        return lastEnd;
    }
}
