package io.argus.media.snapshot;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes one H.264/H.265 keyframe to a picture with FFmpeg's software decoders. The parameter sets from the
 * track's format go in band, before the picture's own NAL units, as one Annex B packet (ITU-T H.264 Annex B,
 * H.265 Annex B): a repeat of sets the unit already carries is harmless, and a camera that sends them only
 * in the SDP is covered.
 */
final class FfmpegKeyframeDecoder {
    private static final byte[] START_CODE = {0, 0, 0, 1};

    /** Errors that FFmpeg would conceal end the decode: a half-grey snapshot is worse than a clear error. */
    private static final int ERROR_RECOGNITION = AV_EF_EXPLODE;

    private FfmpegKeyframeDecoder() {
    }

    /**
     * <b>Borrows</b> {@code keyframe}. Returns a frame the caller frees with {@code av_frame_free}.
     */
    static AVFrame decode(MediaFormat format, AccessUnit keyframe) throws SnapshotException {
        List<byte[]> parameterSets = parameterSets(format);
        AVCodec codec = avcodec_find_decoder(format instanceof MediaFormat.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        if (codec == null || codec.isNull()) {
            throw FfmpegErrors.failed("this FFmpeg build has no " + format.codec() + " decoder");
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        boolean ok = false;
        try {
            ctx.err_recognition(ERROR_RECOGNITION);
            ctx.thread_count(1);
            FfmpegErrors.check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening the decoder");
            FfmpegErrors.check(av_new_packet(pkt, annexBSize(parameterSets, keyframe)), "allocating a packet");
            writeAnnexB(parameterSets, keyframe, pkt.data().capacity(pkt.size()).asByteBuffer());
            FfmpegErrors.check(avcodec_send_packet(ctx, pkt), "decoding the keyframe");
            // End of stream: the decoder outputs the picture now instead of waiting for reordering.
            FfmpegErrors.check(avcodec_send_packet(ctx, null), "flushing the decoder");
            int r = avcodec_receive_frame(ctx, frame);
            if (r < 0) {
                throw FfmpegErrors.failed("the decoder made no picture from the keyframe ("
                        + FfmpegErrors.text(r) + "); its parameter sets may be missing");
            }
            if (frame.decode_error_flags() != 0) {
                throw FfmpegErrors.failed("the keyframe decoded with errors (flags " + frame.decode_error_flags() + ")");
            }
            ok = true;
            return frame;
        } finally {
            av_packet_free(pkt);
            avcodec_free_context(ctx);
            if (!ok) {
                av_frame_free(frame);
            }
        }
    }

    private static List<byte[]> parameterSets(MediaFormat format) throws SnapshotException {
        List<byte[]> out = new ArrayList<>(3);
        switch (format) {
            case MediaFormat.H264 h -> {
                out.add(h.sps());
                out.add(h.pps());
            }
            case MediaFormat.H265 h -> {
                out.add(h.vps());
                out.add(h.sps());
                out.add(h.pps());
            }
            default -> throw new SnapshotException(SnapshotException.Reason.UNSUPPORTED,
                    "snapshots decode H.264 and H.265, not " + format.codec());
        }
        out.removeIf(ps -> ps.length == 0);
        return out;
    }

    private static int annexBSize(List<byte[]> parameterSets, AccessUnit au) {
        int size = 0;
        for (byte[] ps : parameterSets) {
            size += START_CODE.length + ps.length;
        }
        for (int i = 0; i < au.unitCount(); i++) {
            size += START_CODE.length + au.unit(i).readableBytes();
        }
        return size;
    }

    /** Copies into the packet's native memory: the one copy, into memory the decoder can read. */
    private static void writeAnnexB(List<byte[]> parameterSets, AccessUnit au, ByteBuffer out) {
        for (byte[] ps : parameterSets) {
            out.put(START_CODE).put(ps);
        }
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf nal = au.unit(i);
            out.put(START_CODE);
            int n = nal.readableBytes();
            nal.getBytes(nal.readerIndex(), out.slice(out.position(), n));
            out.position(out.position() + n);
        }
    }
}
