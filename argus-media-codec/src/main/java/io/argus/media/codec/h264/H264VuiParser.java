package io.argus.media.codec.h264;

import io.argus.media.codec.bits.BitReader;

/** Reads the VUI (ITU-T H.264 §E.1.1) of an SPS up to the timing info. */
final class H264VuiParser {

    /** aspect_ratio_idc meaning that an explicit sample aspect ratio follows (Table E-1). */
    private static final int EXTENDED_SAR = 255;

    private H264VuiParser() {
    }

    /** Frames per second from timing_info (time_scale / (2 * num_units_in_tick), §E.2.1), or 0 when absent. */
    static double fps(BitReader r) {
        if (r.readFlag() && r.readInt(8) == EXTENDED_SAR) {
            r.skipBits(32);
        }
        if (r.readFlag()) {
            r.readBit();
        }
        if (r.readFlag()) {
            r.skipBits(4);
            if (r.readFlag()) {
                r.skipBits(24);
            }
        }
        if (r.readFlag()) {
            r.readUe();
            r.readUe();
        }
        if (!r.readFlag()) {
            return 0;
        }
        long unitsInTick = r.readBits(32);
        long timeScale = r.readBits(32);
        return unitsInTick == 0 ? 0 : timeScale / (2.0 * unitsInTick);
    }
}
