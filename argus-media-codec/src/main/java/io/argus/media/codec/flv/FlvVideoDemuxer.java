package io.argus.media.codec.flv;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AvcDecoderConfiguration;
import io.argus.media.codec.h265.HevcDecoderConfiguration;
import io.netty.buffer.ByteBuf;

/**
 * Turns the video tag bodies of one FLV/RTMP stream into access units: H.264 (legacy CodecID 7 or Enhanced RTMP
 * {@code avc1}) and H.265 (Enhanced RTMP {@code hvc1}, or the legacy CodecID 12 extension). A sequence header sets
 * the format and the NAL unit length size; each coded frame becomes one access unit whose units are retained slices
 * of the body, split at their length prefixes (ISO/IEC 14496-15 §5.3.2), with decode time = the tag's timestamp and
 * presentation time = timestamp + composition time, in 90 kHz ticks.
 *
 * <p>Single-threaded; allocates per frame only the units array and the access unit.
 */
public final class FlvVideoDemuxer {
    /** FLV timestamps are milliseconds; video tracks count 90 kHz ticks (RTP's video clock, as every track here). */
    private static final int TICKS_PER_MILLI = 90;

    private MediaFormat format;
    private Codec codec;
    private int nalLengthSize;
    private String unsupported;

    /** The format of the latest sequence header, or null before the first. */
    public MediaFormat format() {
        return format;
    }

    /** Why the latest {@link FlvDemuxOutcome#UNSUPPORTED} body was, in words; null before any. */
    public String unsupported() {
        return unsupported;
    }

    /**
     * One video tag body. <b>Borrows</b> {@code body}: the access unit retains slices of it; the reader index does
     * not move.
     *
     * @param timestampMillis the tag's (RTMP message's) timestamp
     * @param track           the access unit's track index
     * @param sink            takes the access unit, on {@link FlvDemuxOutcome#FRAME}
     */
    public FlvDemuxOutcome accept(ByteBuf body, long timestampMillis, int track, long receivedNanos,
                                  AccessUnitSink sink) {
        FlvVideoTag tag;
        try {
            tag = FlvVideoTag.parse(body);
        } catch (IllegalArgumentException e) {
            return FlvDemuxOutcome.CORRUPT;
        }
        boolean avc = tag.codec().equals(FlvVideoTag.AVC);
        if (!avc && !tag.codec().equals(FlvVideoTag.HEVC)) {
            unsupported = "video codec " + tag.codec() + " (H.264 and H.265 are carried)";
            return FlvDemuxOutcome.UNSUPPORTED;
        }
        ByteBuf payload = body.slice(body.readerIndex() + Math.min(tag.headerBytes(), body.readableBytes()),
                Math.max(0, body.readableBytes() - tag.headerBytes()));
        return switch (tag.packetType()) {
            case FlvVideoTag.SEQUENCE_START -> configure(payload, avc);
            case FlvVideoTag.CODED_FRAMES -> frame(tag, payload, avc ? Codec.H264 : Codec.H265, timestampMillis,
                    track, receivedNanos, sink);
            default -> FlvDemuxOutcome.IGNORED;
        };
    }

    private FlvDemuxOutcome configure(ByteBuf record, boolean avc) {
        try {
            if (avc) {
                AvcDecoderConfiguration c = AvcDecoderConfiguration.parse(record);
                format = c.format();
                nalLengthSize = c.nalLengthSize();
                codec = Codec.H264;
            } else {
                HevcDecoderConfiguration c = HevcDecoderConfiguration.parse(record);
                format = c.format();
                nalLengthSize = c.nalLengthSize();
                codec = Codec.H265;
            }
            return FlvDemuxOutcome.FORMAT;
        } catch (IllegalArgumentException e) {
            return FlvDemuxOutcome.CORRUPT;
        }
    }

    private FlvDemuxOutcome frame(FlvVideoTag tag, ByteBuf data, Codec frameCodec, long timestampMillis, int track,
                                  long receivedNanos, AccessUnitSink sink) {
        if (format == null || codec != frameCodec) {
            return FlvDemuxOutcome.NEED_CONFIG;
        }
        int count = countUnits(data);
        if (count < 0) {
            return FlvDemuxOutcome.CORRUPT;
        }
        if (count == 0) {
            return FlvDemuxOutcome.IGNORED;
        }
        ByteBuf[] units = new ByteBuf[count];
        int at = data.readerIndex();
        for (int k = 0; k < count; k++) {
            int length = (int) length(data, at);
            units[k] = data.retainedSlice(at + nalLengthSize, length);
            at += nalLengthSize + length;
        }
        long dts = timestampMillis * TICKS_PER_MILLI;
        long pts = (timestampMillis + tag.compositionTime()) * TICKS_PER_MILLI;
        sink.accept(AccessUnit.of(track, codec, pts, dts, tag.keyframe(), units, count, receivedNanos));
        return FlvDemuxOutcome.FRAME;
    }

    /** NAL units in {@code data}, or -1 when a length runs past the end, a unit is empty or there are too many. */
    private int countUnits(ByteBuf data) {
        int at = data.readerIndex();
        int end = data.writerIndex();
        int count = 0;
        while (at < end) {
            if (end - at < nalLengthSize) {
                return -1;
            }
            long length = length(data, at);
            if (length == 0 || length > end - at - nalLengthSize || ++count > AccessUnit.MAX_UNITS) {
                return -1;
            }
            at += nalLengthSize + (int) length;
        }
        return count;
    }

    private long length(ByteBuf data, int at) {
        return switch (nalLengthSize) {
            case 1 -> data.getUnsignedByte(at);
            case 2 -> data.getUnsignedShort(at);
            default -> data.getUnsignedInt(at);
        };
    }
}
