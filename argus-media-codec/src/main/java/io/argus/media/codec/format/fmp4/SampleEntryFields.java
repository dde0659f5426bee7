package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;

/** The fields every visual and audio sample entry starts with (ISO/IEC 14496-12 §8.5.2.2, §12.1.3, §12.2.3). */
final class SampleEntryFields {

    /** The only data reference: the {@code url } entry of the {@code dref}, media in this file. */
    private static final int DATA_REFERENCE_INDEX = 1;
    /** 72 dpi in 16.16 fixed point, the value the standard fixes for horizresolution and vertresolution. */
    private static final int DPI_72 = 0x00480000;
    /** compressorname is a fixed 32-byte Pascal string; we leave it empty. */
    private static final int COMPRESSOR_NAME_LENGTH = 32;
    /** Colour images with no alpha (the only depth the standard allows for these entries). */
    private static final int DEPTH_24 = 0x0018;
    /** The bits of AudioSampleEntry.samplesize for 16-bit PCM, the fixed value for compressed audio. */
    private static final int SAMPLE_SIZE_16 = 16;
    /** samplerate is 16.16 fixed point, so rates above this do not fit; the decoder config carries the real one. */
    private static final int MAX_FIXED_POINT_RATE = 0xffff;

    private SampleEntryFields() {
    }

    /** Starts a VisualSampleEntry. <b>Borrows</b> {@code out}. @return the start, for {@link Boxes#end} */
    static int beginVisual(ByteBuf out, int type, int width, int height) {
        int start = beginSampleEntry(out, type);
        out.writeShort(0);
        out.writeShort(0);
        out.writeZero(12);
        out.writeShort(width);
        out.writeShort(height);
        out.writeInt(DPI_72);
        out.writeInt(DPI_72);
        out.writeInt(0);
        out.writeShort(1);
        out.writeZero(COMPRESSOR_NAME_LENGTH);
        out.writeShort(DEPTH_24);
        out.writeShort(-1);
        return start;
    }

    /** Starts an AudioSampleEntry (version 0). <b>Borrows</b> {@code out}. @return the start */
    static int beginAudio(ByteBuf out, int type, int channels, int sampleRate) {
        int start = beginSampleEntry(out, type);
        out.writeZero(8);
        out.writeShort(channels);
        out.writeShort(SAMPLE_SIZE_16);
        out.writeShort(0);
        out.writeShort(0);
        out.writeInt(sampleRate <= MAX_FIXED_POINT_RATE ? sampleRate << 16 : 0);
        return start;
    }

    /** The SampleEntry fields (§8.5.2.2). <b>Borrows</b> {@code out}. @return the start */
    private static int beginSampleEntry(ByteBuf out, int type) {
        int start = Boxes.begin(out, type);
        out.writeZero(6);
        out.writeShort(DATA_REFERENCE_INDEX);
        return start;
    }
}
