package io.argus.media.codec.format.ts;

import io.argus.media.codec.Codec;

/** The PMT stream types Argus carries (ISO/IEC 13818-1 Table 2-34). */
final class TsStreamType {
    static final int AAC_ADTS = 0x0F;
    static final int H264 = 0x1B;
    static final int H265 = 0x24;

    private TsStreamType() {
    }

    /** The codec of {@code streamType}, or null when Argus does not carry it. */
    static Codec codec(int streamType) {
        return switch (streamType) {
            case H264 -> Codec.H264;
            case H265 -> Codec.H265;
            case AAC_ADTS -> Codec.AAC;
            default -> null;
        };
    }
}
