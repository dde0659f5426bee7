package io.argus.media.codec.h264;

import io.argus.media.codec.AccessUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Annex B byte streams (ITU-T H.264 Annex B; H.265 Annex B is the same format): NAL units behind
 * {@code 00 00 01} or {@code 00 00 00 01} start codes. Splitting yields slices of the stream, composing yields
 * a composite of the units; neither copies payload.
 */
public final class AnnexB {

    /** The 4-byte start code written before every NAL unit; shared, read-only, never released. */
    private static final ByteBuf START_CODE =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1}).asReadOnly());

    private AnnexB() {
    }

    /**
     * Splits the readable bytes of {@code stream} at start codes and adds one retained slice per NAL unit to
     * {@code out} (start codes and trailing zero bytes excluded; bytes before the first start code are
     * ignored). <b>Borrows</b> {@code stream} and does not move its indexes; the caller owns the slices.
     *
     * @return the number of NAL units added
     */
    public static int split(ByteBuf stream, List<ByteBuf> out) {
        int end = stream.writerIndex();
        int nalStart = nextNalStart(stream, stream.readerIndex(), end);
        int added = 0;
        while (nalStart >= 0) {
            int next = nextNalStart(stream, nalStart, end);
            int nalEnd = next < 0 ? end : next - 3;
            while (nalEnd > nalStart && stream.getByte(nalEnd - 1) == 0) {
                nalEnd--;
            }
            if (nalEnd > nalStart) {
                out.add(stream.retainedSlice(nalStart, nalEnd - nalStart));
                added++;
            }
            nalStart = next;
        }
        return added;
    }

    /** The index just after the next {@code 00 00 01} at or after {@code from}, or -1. */
    private static int nextNalStart(ByteBuf b, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if ((b.getByte(i + 2) & 0xff) > 1) {
                i += 2;
            } else if (b.getByte(i) == 0 && b.getByte(i + 1) == 0 && b.getByte(i + 2) == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * The access unit as an Annex B stream: a composite of a shared start code and a retained slice of each
     * unit, so nothing is copied. <b>Borrows</b> {@code au}; the caller owns the result.
     */
    public static CompositeByteBuf compose(AccessUnit au, ByteBufAllocator alloc) {
        CompositeByteBuf out = alloc.compositeBuffer(2 * au.unitCount());
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf unit = au.unit(i);
            out.addComponent(true, START_CODE.duplicate());
            out.addComponent(true, unit.retainedSlice());
        }
        return out;
    }

    /** Copies the access unit as an Annex B stream into {@code out}, for files. <b>Borrows</b> both. */
    public static void write(AccessUnit au, ByteBuf out) {
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf unit = au.unit(i);
            out.writeInt(1);
            out.writeBytes(unit, unit.readerIndex(), unit.readableBytes());
        }
    }
}
