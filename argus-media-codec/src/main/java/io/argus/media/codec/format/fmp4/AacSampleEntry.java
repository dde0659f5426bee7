package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.netty.buffer.ByteBuf;

/**
 * The {@code mp4a} sample entry with its {@code esds} (ISO/IEC 14496-14 §5.6): an ES_Descriptor holding a
 * DecoderConfigDescriptor for MPEG-4 audio whose DecoderSpecificInfo is the AudioSpecificConfig, and the
 * predefined SLConfigDescriptor (ISO/IEC 14496-1 §7.2.6).
 */
record AacSampleEntry(byte[] audioSpecificConfig, AudioSpecificConfig config, int channels, int sampleRate)
        implements SampleEntry {

    /** ISO/IEC 14496-1 §7.2.2.1 class tags. */
    private static final int ES_DESCRIPTOR_TAG = 0x03;
    private static final int DECODER_CONFIG_TAG = 0x04;
    private static final int DECODER_SPECIFIC_INFO_TAG = 0x05;
    private static final int SL_CONFIG_TAG = 0x06;
    /** objectTypeIndication for MPEG-4 audio (ISO/IEC 14496-1 Table 5; the "40" in {@code mp4a.40.2}). */
    private static final int OBJECT_TYPE_MPEG4_AUDIO = 0x40;
    /** streamType 5 (audio) in 6 bits, upStream 0, reserved 1. */
    private static final int STREAM_TYPE_AUDIO = 0x05 << 2 | 1;
    /** SLConfigDescriptor predefined = 2: the value reserved for MP4 files (ISO/IEC 14496-14 §3.1.2). */
    private static final int SL_PREDEFINED_MP4 = 2;
    /** A descriptor size is written 7 bits a byte; our descriptors need at most two bytes of it. */
    private static final int MAX_DESCRIPTOR_SIZE = (1 << 14) - 1;

    static AacSampleEntry of(MediaFormat.Aac format) {
        byte[] asc = format.audioSpecificConfig();
        if (asc.length == 0) {
            throw new IllegalArgumentException("AAC track without an AudioSpecificConfig");
        }
        return new AacSampleEntry(asc, AudioSpecificConfig.parse(asc), format.channels(), format.sampleRate());
    }

    @Override
    public boolean video() {
        return false;
    }

    @Override
    public int width() {
        return 0;
    }

    @Override
    public int height() {
        return 0;
    }

    /** {@code mp4a.40.<audio object type>} (RFC 6381 §3.3): {@code mp4a.40.2} for AAC-LC. */
    @Override
    public String codecs() {
        return "mp4a.40." + config.objectType();
    }

    @Override
    public void write(ByteBuf out) {
        int entry = SampleEntryFields.beginAudio(out, BoxType.MP4A, channels, sampleRate);
        writeConfiguration(out);
        Boxes.end(out, entry);
    }

    /**
     * The esds box alone. Bitrates and buffer size are written as 0 (unknown): the writer does not see the stream
     * before the init segment, and decoders do not use them. <b>Borrows</b> {@code out}.
     */
    @Override
    public void writeConfiguration(ByteBuf out) {
        int box = Boxes.beginFull(out, BoxType.ESDS, 0, 0);
        int dsi = 1 + sizeLength(audioSpecificConfig.length) + audioSpecificConfig.length;
        int decoderConfig = 13 + dsi;
        int sl = 1 + 1 + 1;
        int es = 3 + 1 + sizeLength(decoderConfig) + decoderConfig + sl;
        writeDescriptorHeader(out, ES_DESCRIPTOR_TAG, es);
        out.writeShort(0);
        out.writeByte(0);
        writeDescriptorHeader(out, DECODER_CONFIG_TAG, decoderConfig);
        out.writeByte(OBJECT_TYPE_MPEG4_AUDIO);
        out.writeByte(STREAM_TYPE_AUDIO);
        out.writeMedium(0);
        out.writeInt(0);
        out.writeInt(0);
        writeDescriptorHeader(out, DECODER_SPECIFIC_INFO_TAG, audioSpecificConfig.length);
        out.writeBytes(audioSpecificConfig);
        writeDescriptorHeader(out, SL_CONFIG_TAG, 1);
        out.writeByte(SL_PREDEFINED_MP4);
        Boxes.end(out, box);
    }

    /** Bytes of the expandable size field (§8.3.3): 7 bits each, the high bit set on all but the last. */
    private static int sizeLength(int size) {
        if (size > MAX_DESCRIPTOR_SIZE) {
            throw new IllegalArgumentException("descriptor too large: " + size);
        }
        return size < 0x80 ? 1 : 2;
    }

    /** A descriptor's tag and expandable size. <b>Borrows</b> {@code out}. */
    private static void writeDescriptorHeader(ByteBuf out, int tag, int size) {
        out.writeByte(tag);
        if (sizeLength(size) == 2) {
            out.writeByte(0x80 | size >>> 7);
        }
        out.writeByte(size & 0x7f);
    }
}
