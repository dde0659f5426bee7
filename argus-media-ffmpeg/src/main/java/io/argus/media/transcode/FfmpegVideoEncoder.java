package io.argus.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_free_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import io.argus.media.av.FfmpegVideoDecoder;
import io.argus.media.codec.h264.AnnexB;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * The scale-and-encode half that live transcodes and chunk re-encodes share: decoded pictures are converted to
 * the encoder's size and YUV 4:2:0 where they differ, sent with their timestamp and, on the source's keyframes,
 * a forced keyframe, and every packet the encoder gives back goes to a {@link Packets}. The scaler and the scaled
 * picture are made once and reused.
 *
 * <p>Not thread-safe: one thread encodes and {@link #close}s.
 */
public final class FfmpegVideoEncoder implements AutoCloseable {

    /** Where the encoded packets go; the packet is unreferenced after the call returns. */
    public interface Packets {
        /** <b>Borrows</b> {@code pkt}: copy what is kept. */
        void packet(AVPacket pkt) throws TranscodeException;
    }

    private final AVCodecContext enc;
    private final SwsContext sws;
    private final AVFrame scaled = av_frame_alloc();
    private final AVPacket pkt = av_packet_alloc();

    /**
     * Takes ownership of {@code enc}, an encoder opened for YUV 4:2:0 at its width and height with a global
     * header; it is freed by {@link #close}, also when this throws.
     */
    public FfmpegVideoEncoder(AVCodecContext enc) throws TranscodeException {
        this.enc = enc;
        sws = sws_alloc_context();
        // Bilinear: a third of bicubic's cost at live rates, and soft enough for a downscale to 360p.
        sws.flags(SWS_BILINEAR).threads(1);
        scaled.width(enc.width()).height(enc.height()).format(AV_PIX_FMT_YUV420P);
        int r = av_frame_get_buffer(scaled, 0);
        if (r < 0) {
            close();
            Ffmpeg.check(r, "allocating the scaled picture");
        }
    }

    /**
     * Encodes {@code picture} (<b>borrowed</b>) at {@code pts}, a keyframe when {@code key}, and hands on what the
     * encoder gives back.
     */
    public void encode(AVFrame picture, long pts, boolean key, Packets out) throws TranscodeException {
        AVFrame in = picture;
        if (picture.width() != enc.width() || picture.height() != enc.height()
                || picture.format() != AV_PIX_FMT_YUV420P) {
            Ffmpeg.check(av_frame_make_writable(scaled), "reusing the scaled picture");
            Ffmpeg.check(sws_scale_frame(sws, scaled, picture), "scaling the picture");
            in = scaled;
        }
        in.pts(pts).pict_type(key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        Ffmpeg.check(avcodec_send_frame(enc, in), "encoding a picture");
        drain(out);
    }

    /** Flushes the encoder: every picture it held is handed on. */
    public void finish(Packets out) throws TranscodeException {
        Ffmpeg.check(avcodec_send_frame(enc, null), "flushing the encoder");
        drain(out);
    }

    private void drain(Packets out) throws TranscodeException {
        for (;;) {
            int r = avcodec_receive_packet(enc, pkt);
            if (r == FfmpegVideoDecoder.EAGAIN || r == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(r, "encoding a picture");
            try {
                out.packet(pkt);
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    /** The NAL units of the encoder's global header (Annex B in {@code extradata}), in order. */
    public List<byte[]> globalHeader() {
        byte[] extradata = new byte[enc.extradata_size()];
        enc.extradata().get(extradata);
        List<ByteBuf> units = new ArrayList<>();
        AnnexB.split(Unpooled.wrappedBuffer(extradata), units);
        List<byte[]> nals = new ArrayList<>(units.size());
        for (ByteBuf u : units) {
            byte[] bytes = new byte[u.readableBytes()];
            u.getBytes(u.readerIndex(), bytes);
            nals.add(bytes);
            u.release();
        }
        return nals;
    }

    public int width() {
        return enc.width();
    }

    public int height() {
        return enc.height();
    }

    @Override
    public void close() {
        AVCodecContext c = enc;
        avcodec_free_context(c);
        sws_free_context(sws);
        av_frame_free(scaled);
        av_packet_free(pkt);
    }
}
