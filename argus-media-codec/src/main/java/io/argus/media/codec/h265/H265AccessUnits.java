package io.argus.media.codec.h265;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Groups the NAL units of an H.265 Annex B stream into access units (H.265 §7.4.2.4.4): a new one begins at a
 * VPS, SPS, PPS, AUD, prefix SEI or type 41..44/48..55 unit after a slice, or at a slice with
 * first_slice_segment_in_pic_flag set after a slice. For sample files and the simulator.
 */
public final class H265AccessUnits {

    /** H265's NAL syntax for {@link AnnexBAccessUnits}. */
    public static final AnnexBAccessUnits.Syntax SYNTAX = new AnnexBAccessUnits.Syntax() {
        @Override
        public Codec codec() {
            return Codec.H265;
        }

        @Override
        public int type(ByteBuf nal) {
            return H265NalType.of(nal);
        }

        @Override
        public boolean isVcl(int type) {
            return H265NalType.isVcl(type);
        }

        @Override
        public boolean startsAccessUnit(int type) {
            return H265NalType.startsAccessUnit(type);
        }

        @Override
        public boolean isKey(int type) {
            return H265NalType.isIrap(type);
        }

        @Override
        public int headerLength() {
            return 2;
        }
    };

    private H265AccessUnits() {
    }

    /**
     * Splits {@code stream} into access units stamped {@code i * frameDuration}, each holding retained slices of
     * {@code stream} (no copy). <b>Borrows</b> {@code stream}; the caller owns the returned access units.
     */
    public static List<AccessUnit> fromAnnexB(ByteBuf stream, int track, long frameDuration) {
        return AnnexBAccessUnits.fromAnnexB(SYNTAX, stream, track, frameDuration);
    }
}
