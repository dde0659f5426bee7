package io.argus.media.codec.flv;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.netty.buffer.ByteBuf;

/**
 * Turns the audio tag bodies of one FLV/RTMP stream into AAC access units (FLV v10.1 §E.4.2.1, AUDIODATA with
 * SoundFormat 10 and AACAUDIODATA): the sequence header is an AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1), each
 * raw frame one access unit, a retained slice of the body.
 *
 * <p>FLV timestamps are whole milliseconds, so an AAC frame (1024 samples: 21.33 ms at 48 kHz) is stamped up to a
 * millisecond off. A frame stamped within half a frame of where the previous one ends is put exactly there, so the
 * track's sample times advance by whole frames as a recorder or muxer expects; a further one (a gap) keeps its own.
 */
public final class FlvAudioDemuxer {
    static final int AAC = 10;
    private static final int SEQUENCE_HEADER = 0;
    private static final int RAW = 1;

    private MediaFormat.Aac format;
    private int frameLength;
    private long next = Long.MIN_VALUE;
    private String unsupported;

    /** The format of the latest sequence header, or null before the first. */
    public MediaFormat.Aac format() {
        return format;
    }

    /** Why the latest {@link FlvDemuxOutcome#UNSUPPORTED} body was, in words; null before any. */
    public String unsupported() {
        return unsupported;
    }

    /**
     * One audio tag body. <b>Borrows</b> {@code body}: the access unit retains a slice of it; the reader index does
     * not move.
     */
    public FlvDemuxOutcome accept(ByteBuf body, long timestampMillis, int track, long receivedNanos,
                                  AccessUnitSink sink) {
        int i = body.readerIndex();
        int n = body.readableBytes();
        if (n < 2) {
            return n == 0 ? FlvDemuxOutcome.IGNORED : FlvDemuxOutcome.CORRUPT;
        }
        int soundFormat = body.getUnsignedByte(i) >> 4;
        if (soundFormat != AAC) {
            unsupported = "audio sound format " + soundFormat + " (AAC, format 10, is carried)";
            return FlvDemuxOutcome.UNSUPPORTED;
        }
        int packetType = body.getUnsignedByte(i + 1);
        if (packetType == SEQUENCE_HEADER) {
            return configure(body, i + 2, n - 2);
        }
        if (packetType != RAW) {
            return FlvDemuxOutcome.CORRUPT;
        }
        if (format == null) {
            return FlvDemuxOutcome.NEED_CONFIG;
        }
        if (n == 2) {
            return FlvDemuxOutcome.IGNORED;
        }
        long pts = timestampMillis * format.sampleRate() / 1000;
        if (next != Long.MIN_VALUE && Math.abs(pts - next) < frameLength / 2) {
            pts = next;
        }
        next = pts + frameLength;
        sink.accept(AccessUnit.of(track, Codec.AAC, pts, true, body.retainedSlice(i + 2, n - 2), receivedNanos));
        return FlvDemuxOutcome.FRAME;
    }

    private FlvDemuxOutcome configure(ByteBuf body, int at, int length) {
        if (length == 0) {
            // ffmpeg 5.1 sends an empty one first when it copies ADTS audio, then the real one with the first frame.
            return FlvDemuxOutcome.IGNORED;
        }
        byte[] asc = new byte[length];
        body.getBytes(at, asc);
        try {
            AudioSpecificConfig c = AudioSpecificConfig.parse(asc);
            if (c.channelConfiguration() == 0) {
                unsupported = "AAC with a program config element instead of a channel configuration";
                return FlvDemuxOutcome.UNSUPPORTED;
            }
            format = new MediaFormat.Aac(asc, c.sampleRate(), c.channelConfiguration() == 7 ? 8
                    : c.channelConfiguration());
            frameLength = c.frameLength();
            next = Long.MIN_VALUE;
            return FlvDemuxOutcome.FORMAT;
        } catch (IllegalArgumentException e) {
            return FlvDemuxOutcome.CORRUPT;
        }
    }
}
