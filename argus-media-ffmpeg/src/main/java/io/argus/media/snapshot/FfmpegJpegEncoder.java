package io.argus.media.snapshot;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_free_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * Encodes a decoded picture as a baseline JFIF JPEG with FFmpeg's mjpeg encoder. The picture always goes
 * through swscale first: to 4:2:0 8-bit (10-bit H.265 and 4:2:2 cameras decode to other layouts), to full
 * range with BT.601 colours (what JFIF means; cameras send limited range, HD ones BT.709), and to the asked
 * width.
 */
final class FfmpegJpegEncoder {
    private FfmpegJpegEncoder() {
    }

    /** <b>Borrows</b> {@code picture}. */
    static Snapshot encode(AVFrame picture, SnapshotOptions options, java.time.Instant takenAt)
            throws SnapshotException {
        int srcW = picture.width();
        int srcH = picture.height();
        int dstW = options.width() == 0 || options.width() >= srcW ? srcW : options.width();
        // Keep the aspect ratio; even sizes, since 4:2:0 chroma is half the size in both directions.
        int dstH = dstW == srcW ? srcH : Math.max(2, Math.round(srcH * (float) dstW / srcW / 2f) * 2);
        AVFrame scaled = av_frame_alloc();
        SwsContext sws = sws_alloc_context();
        try {
            scaled.width(dstW).height(dstH).format(AV_PIX_FMT_YUV420P).color_range(AVCOL_RANGE_JPEG)
                    .colorspace(AVCOL_SPC_BT470BG);
            FfmpegErrors.check(av_frame_get_buffer(scaled, 0), "allocating the picture");
            // Area averaging for downscales (no aliasing on fine detail such as text); bicubic otherwise.
            sws.flags(dstW < srcW ? SWS_AREA : SWS_BICUBIC).threads(1);
            FfmpegErrors.check(sws_scale_frame(sws, scaled, picture), "converting the picture");
            return new Snapshot(jpeg(scaled, options.qscale()), dstW, dstH, takenAt);
        } finally {
            sws_free_context(sws);
            av_frame_free(scaled);
        }
    }

    private static byte[] jpeg(AVFrame picture, int qscale) throws SnapshotException {
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (codec == null || codec.isNull()) {
            throw FfmpegErrors.failed("this FFmpeg build has no mjpeg encoder");
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket pkt = av_packet_alloc();
        try {
            ctx.width(picture.width()).height(picture.height()).pix_fmt(AV_PIX_FMT_YUV420P)
                    .color_range(AVCOL_RANGE_JPEG).colorspace(AVCOL_SPC_BT470BG).time_base(av_make_q(1, 25))
                    .flags(ctx.flags() | AV_CODEC_FLAG_QSCALE).global_quality(FF_QP2LAMBDA * qscale);
            FfmpegErrors.check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening the JPEG encoder");
            picture.quality(FF_QP2LAMBDA * qscale).pts(0);
            FfmpegErrors.check(avcodec_send_frame(ctx, picture), "encoding the JPEG");
            FfmpegErrors.check(avcodec_receive_packet(ctx, pkt), "encoding the JPEG");
            byte[] out = new byte[pkt.size()];
            pkt.data().get(out);
            return out;
        } finally {
            av_packet_free(pkt);
            avcodec_free_context(ctx);
        }
    }
}
