package io.argus.media.codec.h264;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the NAL units of an H.264 Annex B stream into access units (H.264 §7.4.1.2.3): a new one begins at an
 * AUD, SPS, PPS, SEI or type 14..18 unit after a slice, or at a slice whose first_mb_in_slice is 0 after a
 * slice. For sample files and the simulator; streams with B-frames get decode-order timestamps.
 */
public final class H264AccessUnits {

    private H264AccessUnits() {
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
            int type = H264NalType.of(nal);
            boolean vcl = H264NalType.isVcl(type);
            boolean firstSlice = vcl && nal.readableBytes() > 1 && (nal.getByte(nal.readerIndex() + 1) & 0x80) != 0;
            if (seenVcl && (H264NalType.startsAccessUnit(type) || firstSlice)) {
                out.add(toAccessUnit(current, track, out.size() * frameDuration, key));
                current.clear();
                seenVcl = false;
                key = false;
            }
            seenVcl |= vcl;
            key |= type == H264NalType.IDR;
            current.add(nal);
        }
        if (!current.isEmpty()) {
            out.add(toAccessUnit(current, track, out.size() * frameDuration, key));
        }
        return out;
    }

    private static AccessUnit toAccessUnit(List<ByteBuf> units, int track, long pts, boolean key) {
        return AccessUnit.of(track, Codec.H264, pts, pts, key, units.toArray(new ByteBuf[0]), units.size(), 0L);
    }
}
