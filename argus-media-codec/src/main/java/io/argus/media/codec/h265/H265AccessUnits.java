package io.argus.media.codec.h265;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.h264.AnnexB;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the NAL units of an H.265 Annex B stream into access units (H.265 §7.4.2.4.4): a new one begins at a
 * VPS, SPS, PPS, AUD, prefix SEI or type 41..44/48..55 unit after a slice, or at a slice with
 * first_slice_segment_in_pic_flag set after a slice. For sample files and the simulator.
 */
public final class H265AccessUnits {

    private H265AccessUnits() {
    }

    /**
     * Splits {@code stream} into access units stamped {@code i * frameDuration}, each holding retained slices of
     * {@code stream} (no copy). <b>Borrows</b> {@code stream}; the caller owns the returned access units.
     */
    public static List<AccessUnit> fromAnnexB(ByteBuf stream, int track, long frameDuration) {
        List<ByteBuf> nals = new ArrayList<>();
        AnnexB.split(stream, nals);
        List<AccessUnit> out = new ArrayList<>();
        List<ByteBuf> current = new ArrayList<>();
        boolean seenVcl = false;
        boolean key = false;
        for (ByteBuf nal : nals) {
            int type = H265NalType.of(nal);
            boolean vcl = H265NalType.isVcl(type);
            boolean firstSlice = vcl && nal.readableBytes() > 2 && (nal.getByte(nal.readerIndex() + 2) & 0x80) != 0;
            if (seenVcl && (H265NalType.startsAccessUnit(type) || firstSlice)) {
                out.add(toAccessUnit(current, track, out.size() * frameDuration, key));
                current.clear();
                seenVcl = false;
                key = false;
            }
            seenVcl |= vcl;
            key |= H265NalType.isIrap(type);
            current.add(nal);
        }
        if (!current.isEmpty()) {
            out.add(toAccessUnit(current, track, out.size() * frameDuration, key));
        }
        return out;
    }

    private static AccessUnit toAccessUnit(List<ByteBuf> units, int track, long pts, boolean key) {
        return AccessUnit.of(track, Codec.H265, pts, pts, key, units.toArray(new ByteBuf[0]), units.size(), 0L);
    }
}
