package io.argus.media.codec.h264;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Groups the NAL units of an H.264 Annex B stream into access units (H.264 §7.4.1.2.3): a new one begins at an
 * AUD, SPS, PPS, SEI or type 14..18 unit after a slice, or at a slice whose first_mb_in_slice is 0 after a
 * slice. For sample files and the simulator; streams with B-frames get decode-order timestamps.
 */
public final class H264AccessUnits {

    /** H264's NAL syntax for {@link AnnexBAccessUnits}. */
    public static final AnnexBAccessUnits.Syntax SYNTAX = new AnnexBAccessUnits.Syntax() {
        @Override
        public Codec codec() {
            return Codec.H264;
        }

        @Override
        public int type(ByteBuf nal) {
            return H264NalType.of(nal);
        }

        @Override
        public boolean isVcl(int type) {
            return H264NalType.isVcl(type);
        }

        @Override
        public boolean startsAccessUnit(int type) {
            return H264NalType.startsAccessUnit(type);
        }

        @Override
        public boolean isKey(int type) {
            return type == H264NalType.IDR;
        }

        @Override
        public int headerLength() {
            return 1;
        }
    };

    private H264AccessUnits() {
    }

    /**
     * Splits {@code stream} into access units stamped {@code i * frameDuration}, each holding retained slices of
     * {@code stream} (no copy). <b>Borrows</b> {@code stream}; the caller owns the returned access units.
     */
    public static List<AccessUnit> fromAnnexB(ByteBuf stream, int track, long frameDuration) {
        return AnnexBAccessUnits.fromAnnexB(SYNTAX, stream, track, frameDuration);
    }
}
