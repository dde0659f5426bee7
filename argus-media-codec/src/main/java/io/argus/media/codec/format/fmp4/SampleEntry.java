package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;

/**
 * One track's sample description (the single entry of its {@code stsd}, ISO/IEC 14496-12 §8.5.2) and what the
 * init segment derives from it: the handler, the display size and the RFC 6381 codecs string.
 */
sealed interface SampleEntry permits AvcSampleEntry, HevcSampleEntry, AacSampleEntry {

    /**
     * The entry for a track format.
     *
     * @throws IllegalArgumentException if the format lacks its parameter sets or they do not parse
     */
    static SampleEntry of(MediaFormat format) {
        return switch (format) {
            case MediaFormat.H264 h264 -> AvcSampleEntry.of(h264);
            case MediaFormat.H265 h265 -> HevcSampleEntry.of(h265);
            case MediaFormat.Aac aac -> AacSampleEntry.of(aac);
        };
    }

    boolean video();

    /** Display width in pixels (after cropping); 0 for audio. */
    int width();

    /** Display height in pixels (after cropping); 0 for audio. */
    int height();

    /** The RFC 6381 codecs parameter ({@code avc1.640028}, {@code hvc1.1.6.L120.90}, {@code mp4a.40.2}). */
    String codecs();

    /** Appends the sample entry box, its configuration box inside. <b>Borrows</b> {@code out}. */
    void write(ByteBuf out);

    /** Appends the decoder configuration box alone (avcC, hvcC, esds). <b>Borrows</b> {@code out}. */
    void writeConfiguration(ByteBuf out);
}
