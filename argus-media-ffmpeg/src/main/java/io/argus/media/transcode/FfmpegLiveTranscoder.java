package io.argus.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.argus.media.av.FfmpegVideoDecoder;
import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexB;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One live video track decoded, scaled and encoded to H.264 for low latency: libx264 {@code zerolatency} (no
 * B-frames, no lookahead, one picture in, one out), keyframes exactly where the source has them (IDR forced on the
 * source's keyframes, scene cuts and the periodic keyframe off), so a viewer who joins at the source's keyframe
 * joins the transcode at once, and the GOP cache of the derived stream is as long as the source's.
 *
 * <p>The decode is {@link FfmpegVideoDecoder}'s and the scale-and-encode {@link FfmpegVideoEncoder}'s (shared with
 * chunk re-encodes): everything native is allocated once and reused. Per picture there is one copy in (the access
 * unit's NAL units into the decoder's input buffer, with start codes) and one copy out (the encoded picture into a
 * pooled buffer that the output access unit's NAL units slice).
 *
 * <p>Not thread-safe: one thread (the transcode's worker) calls everything, {@link #close} included.
 */
public final class FfmpegLiveTranscoder implements AutoCloseable {

    /** Where the encoded pictures go, called on the transcoding thread. */
    public interface Output {
        /** The encoder opened: the output track's format and size, before the first access unit. */
        void started(MediaFormat.H264 format, int width, int height);

        /** <b>Takes ownership</b> of {@code au}: track 0, H.264, the source picture's timestamps. */
        void accessUnit(AccessUnit au);
    }

    /**
     * Longest GOP the encoder makes on its own: keyframes come from the source, this is only the backstop for
     * a source whose GOP is longer (x264 would otherwise insert one every 250 pictures, off the source's).
     */
    static final int MAX_KEYINT = 1000;
    /** How many pictures' receive times are remembered to match output to input: far more than the codecs' delay. */
    private static final int RECEIVED_RING = 64;

    private final Rendition rendition;
    private final Hardware hardware;
    private final Output output;
    private final ByteBufAllocator alloc;
    private final FfmpegVideoDecoder dec;
    private final AVFrame decoded = av_frame_alloc();
    private final long[] ringPts = new long[RECEIVED_RING];
    private final long[] ringNanos = new long[RECEIVED_RING];
    private final List<ByteBuf> nals = new ArrayList<>();
    private final FfmpegVideoEncoder.Packets toOutput = this::toOutput;
    private int ringNext;
    private FfmpegVideoEncoder enc;
    private int outWidth;
    private int outHeight;
    private long lastPts = Long.MIN_VALUE;
    private long pictures;
    private long decodeErrors;
    private String encoderName;

    /**
     * Opens the decoder for {@code source} (H.264 or H.265); the encoder opens on the first picture, when the
     * size is known.
     */
    public FfmpegLiveTranscoder(MediaFormat source, Rendition rendition, Hardware hardware, Output output,
                                ByteBufAllocator alloc) throws TranscodeException {
        this.rendition = rendition;
        this.hardware = hardware;
        this.output = output;
        this.alloc = alloc;
        if (!(source instanceof MediaFormat.H264) && !(source instanceof MediaFormat.H265)) {
            av_frame_free(decoded);
            throw new TranscodeException("transcodes decode H.264 and H.265, not " + source.codec());
        }
        // Low delay: a picture comes out for each one that goes in.
        FfmpegVideoDecoder d = hardware.decodeDevice() == null ? null
                : FfmpegVideoDecoder.open(source, true, 90_000, hardware.decodeDevice());
        if (d == null) {
            d = FfmpegVideoDecoder.open(source, true, 90_000, null);
        }
        if (d == null) {
            av_frame_free(decoded);
            throw new TranscodeException("this FFmpeg cannot open a " + source.codec() + " decoder");
        }
        this.dec = d;
    }

    /**
     * Transcodes one picture of the source track. <b>Borrows</b> {@code au}. A picture the decoder cannot read
     * is counted ({@link #decodeErrors()}) and skipped: the decoder recovers at the next keyframe.
     *
     * @param format the track's current format: its parameter sets go in band before each keyframe, for cameras
     *               that send them only out of band
     * @throws TranscodeException when the encoder cannot open or encode (the transcode cannot go on)
     */
    public void transcode(AccessUnit au, MediaFormat format) throws TranscodeException {
        ringPts[ringNext] = au.pts();
        ringNanos[ringNext] = au.receivedNanos();
        ringNext = (ringNext + 1) % RECEIVED_RING;
        int r = dec.send(au, FfmpegVideoDecoder.parameterSets(format));
        if (r < 0 && r != FfmpegVideoDecoder.EAGAIN) {
            decodeErrors++;
            return;
        }
        for (;;) {
            r = dec.receive(decoded);
            if (r == FfmpegVideoDecoder.EAGAIN || r == AVERROR_EOF) {
                return;
            }
            if (r < 0) {
                decodeErrors++;
                return;
            }
            encode(decoded);
        }
    }

    private void encode(AVFrame picture) throws TranscodeException {
        long pts = picture.best_effort_timestamp();
        boolean key = (picture.flags() & FfmpegVideoDecoder.AV_FRAME_FLAG_KEY) != 0;
        AVFrame src = dec.inMemory(picture);
        if (src == null) {
            throw new TranscodeException("copying the picture from the GPU failed");
        }
        try {
            if (enc == null) {
                openEncoder(src.width(), src.height());
            }
            // x264 needs rising timestamps; a repeated or backwards one (a camera's glitch) is dropped, not encoded.
            if (pts == AV_NOPTS_VALUE || pts <= lastPts) {
                return;
            }
            lastPts = pts;
            enc.encode(src, pts, key, toOutput);
            pictures++;
        } finally {
            dec.release(src);
        }
    }

    private void toOutput(AVPacket pkt) {
        AccessUnit au = toAccessUnit(pkt);
        if (au != null) {
            output.accessUnit(au);
        }
    }

    private AccessUnit toAccessUnit(AVPacket pkt) {
        int n = pkt.size();
        ByteBuf encoded = alloc.directBuffer(n);
        try {
            encoded.writeBytes(pkt.data().capacity(n).asByteBuffer());
            AnnexB.split(encoded, nals);
        } finally {
            encoded.release();
        }
        if (nals.isEmpty()) {
            return null;
        }
        ByteBuf[] units = nals.toArray(new ByteBuf[0]);
        nals.clear();
        return AccessUnit.of(0, Codec.H264, pkt.pts(), pkt.dts(), (pkt.flags() & AV_PKT_FLAG_KEY) != 0, units,
                units.length, receivedNanos(pkt.pts()));
    }

    private long receivedNanos(long pts) {
        for (int i = 0; i < RECEIVED_RING; i++) {
            if (ringPts[i] == pts) {
                return ringNanos[i];
            }
        }
        return System.nanoTime();
    }

    private void openEncoder(int srcWidth, int srcHeight) throws TranscodeException {
        int[] size = rendition.outputSize(srcWidth, srcHeight);
        outWidth = size[0];
        outHeight = size[1];
        long bps = rendition.kbpsFor(outWidth, outHeight) * 1000L;
        String name = hardware.encoder();
        AVCodecContext ctx = openEncoder(name, bps);
        if (ctx == null && !name.equals("libx264")) {
            name = "libx264";
            ctx = openEncoder(name, bps);
        }
        if (ctx == null) {
            throw new TranscodeException("the H.264 encoder (" + name + ") would not open at " + outWidth + "x"
                    + outHeight);
        }
        encoderName = name;
        enc = new FfmpegVideoEncoder(ctx);
        output.started(parameterSets(enc.globalHeader()), outWidth, outHeight);
    }

    private AVCodecContext openEncoder(String name, long bps) {
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null || codec.isNull()) {
            return null;
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        ctx.width(outWidth).height(outHeight).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, 90_000))
                .framerate(av_make_q(25, 1)).bit_rate(bps).rc_max_rate(bps).rc_buffer_size((int) bps)
                .gop_size(MAX_KEYINT).max_b_frames(0).thread_count(1)
                .flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        AVDictionary opts = new AVDictionary(null);
        // libx264's names; a hardware encoder ignores them and takes its own (unknown options are left unused).
        av_dict_set(opts, "preset", "veryfast", 0);
        av_dict_set(opts, "tune", "zerolatency", 0);
        av_dict_set(opts, "x264-params", "scenecut=0:log=0", 0);
        av_dict_set(opts, "forced-idr", "1", 0);
        av_dict_set(opts, "zerolatency", "1", 0);
        try {
            if (avcodec_open2(ctx, codec, opts) < 0) {
                avcodec_free_context(ctx);
                return null;
            }
            return ctx;
        } finally {
            av_dict_free(opts);
        }
    }

    /** The SPS and PPS from the encoder's global header. */
    private static MediaFormat.H264 parameterSets(List<byte[]> units) throws TranscodeException {
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] u : units) {
            int type = u[0] & 0x1f;
            if (type == 7 && sps == null) {
                sps = u;
            } else if (type == 8 && pps == null) {
                pps = u;
            }
        }
        if (sps == null || pps == null) {
            throw new TranscodeException("the H.264 encoder gave no SPS/PPS in its global header");
        }
        return new MediaFormat.H264(sps, pps);
    }

    /** Pictures sent to the encoder. */
    public long pictures() {
        return pictures;
    }

    /** Pictures the decoder could not read (skipped). */
    public long decodeErrors() {
        return decodeErrors;
    }

    /** The output size, 0x0 until the first picture. */
    public int width() {
        return outWidth;
    }

    public int height() {
        return outHeight;
    }

    /** Whether pictures are decoded on a hardware device. */
    public boolean hardwareDecode() {
        return dec.hardware();
    }

    /** The H.264 encoder in use ({@code libx264}, {@code h264_nvenc} …), null until the first picture. */
    public String encoder() {
        return encoderName;
    }

    @Override
    public void close() {
        if (enc != null) {
            enc.close();
            enc = null;
        }
        dec.close();
        av_frame_free(decoded);
    }
}
