package io.argus.media.codec.h264;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the NAL units of an Annex B stream into access units, for any codec whose rule (H.264 §7.4.1.2.3,
 * H.265 §7.4.2.4.4) is "a new access unit begins at certain non-VCL units, or at the first slice of a picture,
 * after a slice". The codec-specific part is a {@link Syntax}.
 */
public final class AnnexBAccessUnits {

    /** How a codec's NAL units read, for grouping. */
    public interface Syntax {
        Codec codec();

        int type(ByteBuf nal);

        boolean isVcl(int type);

        /** Non-VCL types that, after a slice, begin a new access unit. */
        boolean startsAccessUnit(int type);

        /** Types that make their access unit a keyframe (IDR, IRAP). */
        boolean isKey(int type);

        /** NAL header length: the slice header's first bit (first slice of the picture) follows it. */
        int headerLength();
    }

    private AnnexBAccessUnits() {
    }

    /**
     * Splits {@code stream} into access units stamped {@code i * frameDuration}, each holding retained slices of
     * {@code stream} (no copy). <b>Borrows</b> {@code stream}; the caller owns the returned access units.
     */
    public static List<AccessUnit> fromAnnexB(Syntax syntax, ByteBuf stream, int track, long frameDuration) {
        List<ByteBuf> nals = new ArrayList<>();
        AnnexB.split(stream, nals);
        List<AccessUnit> out = new ArrayList<>();
        List<ByteBuf> current = new ArrayList<>();
        boolean seenVcl = false;
        boolean key = false;
        int h = syntax.headerLength();
        for (ByteBuf nal : nals) {
            int type = syntax.type(nal);
            boolean vcl = syntax.isVcl(type);
            boolean firstSlice = vcl && nal.readableBytes() > h && (nal.getByte(nal.readerIndex() + h) & 0x80) != 0;
            if (seenVcl && (syntax.startsAccessUnit(type) || firstSlice)) {
                out.add(toAccessUnit(syntax.codec(), current, track, out.size() * frameDuration, key));
                current.clear();
                seenVcl = false;
                key = false;
            }
            seenVcl |= vcl;
            key |= syntax.isKey(type);
            current.add(nal);
        }
        if (!current.isEmpty()) {
            out.add(toAccessUnit(syntax.codec(), current, track, out.size() * frameDuration, key));
        }
        return out;
    }

    private static AccessUnit toAccessUnit(Codec codec, List<ByteBuf> units, int track, long pts, boolean key) {
        return AccessUnit.of(track, codec, pts, pts, key, units.toArray(new ByteBuf[0]), units.size(), 0L);
    }
}
