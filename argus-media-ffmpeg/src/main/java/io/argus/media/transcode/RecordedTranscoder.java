package io.argus.media.transcode;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.codec.format.fmp4.Fmp4VideoReader;
import io.argus.media.codec.format.fmp4.Mp4FormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Recorded video transcoded to H.264 fragmented MP4: whole fragments of a stored chunk in (its init segment
 * beside them), one output fragment per call out, through the same {@link FfmpegLiveTranscoder} as live
 * renditions. Each call's first picture is a keyframe when the input's is (the transcoder forces an IDR there), so a
 * recorded GOP in gives an independent fragment out: an HLS segment of a rendition keeps its original's bounds.
 * Video only. The caller thread does the work ({@code thread_count=1}: one core at most).
 *
 * <p>Not thread-safe: one thread calls everything, {@link #close} included.
 */
public final class RecordedTranscoder implements AutoCloseable, FfmpegLiveTranscoder.Output {
    private final Rendition rendition;
    private final Hardware hardware;
    private final ByteBufAllocator alloc;
    private final List<AccessUnit> in = new ArrayList<>();
    private FfmpegLiveTranscoder transcoder;
    private Codec sourceCodec;
    private MediaFormat.H264 format;
    private Fmp4FragmentWriter writer;
    private long dropped;

    public RecordedTranscoder(Rendition rendition, Hardware hardware, ByteBufAllocator alloc) {
        this.rendition = rendition;
        this.hardware = hardware;
        this.alloc = alloc;
    }

    /**
     * Transcodes the video samples of {@code fragments} (whole {@code moof} + {@code mdat} pairs of one chunk).
     * <b>Borrows</b> both buffers. The caller owns the result.
     *
     * @param chunkInit  the chunk's init segment ({@code ftyp} + {@code moov})
     * @param decodeTime maps a stored {@code tfdt} (the track's timescale) to the output's decode time
     * @return the transcoded pictures as one fragment, or null when none came out
     * @throws TranscodeException when the bytes cannot be read, the codec changes, or the encoder fails
     */
    public Fmp4Fragment transcode(ByteBuf chunkInit, ByteBuf fragments, LongUnaryOperator decodeTime)
            throws TranscodeException {
        Fmp4VideoReader.VideoTrack track;
        try {
            track = Fmp4VideoReader.videoTrack(chunkInit);
            Fmp4VideoReader.accessUnits(fragments, track, decodeTime, in::add);
        } catch (Mp4FormatException e) {
            releaseInput();
            throw new TranscodeException("the recording cannot be read: " + e.getMessage());
        }
        try {
            if (transcoder == null) {
                transcoder = new FfmpegLiveTranscoder(track.format(), rendition, hardware, this, alloc);
                sourceCodec = track.format().codec();
            } else if (track.format().codec() != sourceCodec) {
                throw new TranscodeException("the recording changes from " + sourceCodec + " to "
                        + track.format().codec() + ": transcode the two parts separately");
            }
            for (AccessUnit au : in) {
                transcoder.transcode(au, track.format());
            }
        } finally {
            releaseInput();
        }
        return writer == null || !writer.hasPending() ? null : writer.flush();
    }

    private void releaseInput() {
        in.forEach(AccessUnit::release);
        in.clear();
    }

    @Override
    public void started(MediaFormat.H264 h264, int width, int height) {
        format = h264;
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(h264), alloc);
        try {
            writer = new Fmp4FragmentWriter(init.tracks(), alloc);
        } finally {
            init.release();
        }
    }

    @Override
    public void accessUnit(AccessUnit au) {
        if (!writer.add(au)) {
            dropped++;
        }
    }

    /**
     * The output's init segment, known once a picture was encoded; {@code totalDuration} (null: unknown) goes into
     * its {@code mehd}. The caller owns it.
     *
     * @throws IllegalStateException before the first picture
     */
    public Fmp4InitSegment init(Duration totalDuration) {
        if (format == null) {
            throw new IllegalStateException("no picture transcoded yet");
        }
        return Fmp4InitSegment.write(List.of(format), totalDuration, alloc);
    }

    /** Pictures encoded so far. */
    public long pictures() {
        return transcoder == null ? 0 : transcoder.pictures();
    }

    /** Output pictures the fMP4 writer refused (a timestamp that did not rise). */
    public long dropped() {
        return dropped;
    }

    /** The output size, 0x0 before the first picture. */
    public int width() {
        return transcoder == null ? 0 : transcoder.width();
    }

    public int height() {
        return transcoder == null ? 0 : transcoder.height();
    }

    /** The H.264 encoder in use, null before the first picture. */
    public String encoder() {
        return transcoder == null ? null : transcoder.encoder();
    }

    @Override
    public void close() {
        releaseInput();
        if (writer != null) {
            writer.close();
        }
        if (transcoder != null) {
            transcoder.close();
        }
    }
}
