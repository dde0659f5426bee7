package io.argus.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_free_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexB;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;

/**
 * One live video track decoded, scaled and encoded to H.264 for low latency: libx264 {@code zerolatency} (no
 * B-frames, no lookahead, one picture in, one out), keyframes exactly where the source has them (IDR forced on the
 * source's keyframes, scene cuts and the periodic keyframe off), so a viewer who joins at the source's keyframe
 * joins the transcode at once, and the GOP cache of the derived stream is as long as the source's.
 *
 * <p>Everything native is allocated once and reused: the input packet's buffer (grown when a bigger picture
 * comes), the packets, the decoded, transferred and scaled frames, the scaler and both codec contexts. Per picture
 * there is one copy in (the access unit's NAL units into the input buffer, with start codes) and one copy out (the
 * encoded picture into a pooled buffer that the output access unit's NAL units slice).
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

    /** AVERROR(EAGAIN) on Linux: the codec wants the other call first. Not an error. */
    private static final int EAGAIN = -11;
    /** libavutil/frame.h: the picture is a keyframe (a macro, so JavaCPP has no constant for it). */
    private static final int AV_FRAME_FLAG_KEY = 1 << 1;
    private static final byte[] START_CODE = {0, 0, 0, 1};
    /**
     * Longest GOP the encoder makes on its own: keyframes come from the source, this is only the backstop for
     * a source whose GOP is longer (x264 would otherwise insert one every 250 pictures, off the source's).
     */
    static final int MAX_KEYINT = 1000;
    /** How many pictures' receive times are remembered to match output to input: far more than the codecs' delay. */
    private static final int RECEIVED_RING = 64;
    private static final int FIRST_INPUT_CAPACITY = 256 << 10;

    private final Rendition rendition;
    private final Hardware hardware;
    private final Output output;
    private final ByteBufAllocator alloc;
    private AVCodecContext dec;
    private final AVPacket inPkt = av_packet_alloc();
    private final AVPacket outPkt = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame transferred = av_frame_alloc();
    private final AVFrame scaled = av_frame_alloc();
    private final long[] ringPts = new long[RECEIVED_RING];
    private final long[] ringNanos = new long[RECEIVED_RING];
    private final List<ByteBuf> nals = new ArrayList<>();
    private int ringNext;
    private AVBufferRef inRef;
    private BytePointer inBuf;
    private ByteBuffer inView;
    private AVCodecContext enc;
    private SwsContext sws;
    private int outWidth;
    private int outHeight;
    private long lastPts = Long.MIN_VALUE;
    private long pictures;
    private long decodeErrors;
    private boolean hardwareDecode;
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
            close();
            throw new TranscodeException("transcodes decode H.264 and H.265, not " + source.codec());
        }
        AVCodec codec = avcodec_find_decoder(source instanceof MediaFormat.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        AVCodecContext ctx = openDecoder(codec, hardware.decodeDevice() != null);
        if (ctx == null) {
            ctx = openDecoder(codec, false);
        }
        if (ctx == null) {
            close();
            throw new TranscodeException("this FFmpeg cannot open a " + source.codec() + " decoder");
        }
        this.dec = ctx;
        growInput(FIRST_INPUT_CAPACITY);
    }

    private AVCodecContext openDecoder(AVCodec codec, boolean hw) {
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        // One thread and low delay: a picture comes out for each one that goes in (frame threads would hold
        // back one picture per thread, adding latency).
        ctx.thread_count(1).flags(ctx.flags() | AV_CODEC_FLAG_LOW_DELAY).pkt_timebase(av_make_q(1, 90_000));
        if (hw) {
            ctx.hw_device_ctx(av_buffer_ref(hardware.decodeDevice()));
        }
        if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
            avcodec_free_context(ctx);
            return null;
        }
        hardwareDecode = hw;
        return ctx;
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
        int size = writeInput(au, format);
        // A reference to the reused buffer, so the decoder takes the packet without copying it; by the time the
        // next picture is written, the decoder has consumed this one (one thread, low delay) and let go of it.
        inPkt.buf(av_buffer_ref(inRef)).data(inBuf).size(size).pts(au.pts()).dts(au.dts())
                .flags(au.keyframe() ? AV_PKT_FLAG_KEY : 0);
        ringPts[ringNext] = au.pts();
        ringNanos[ringNext] = au.receivedNanos();
        ringNext = (ringNext + 1) % RECEIVED_RING;
        int r = avcodec_send_packet(dec, inPkt);
        av_packet_unref(inPkt);
        if (r < 0 && r != EAGAIN) {
            decodeErrors++;
            return;
        }
        for (;;) {
            r = avcodec_receive_frame(dec, decoded);
            if (r == EAGAIN || r == AVERROR_EOF) {
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
        boolean key = (picture.flags() & AV_FRAME_FLAG_KEY) != 0;
        AVFrame src = picture;
        if (hardwareDecode && picture.hw_frames_ctx() != null && !picture.hw_frames_ctx().isNull()) {
            Ffmpeg.check(av_hwframe_transfer_data(transferred, picture, 0), "copying the picture from the GPU");
            src = transferred;
        }
        if (enc == null) {
            openEncoder(src.width(), src.height());
        }
        // x264 needs rising timestamps; a repeated or backwards one (a camera's glitch) is dropped, not encoded.
        if (pts == AV_NOPTS_VALUE || pts <= lastPts) {
            return;
        }
        lastPts = pts;
        AVFrame in = src;
        if (src.width() != outWidth || src.height() != outHeight || src.format() != AV_PIX_FMT_YUV420P) {
            Ffmpeg.check(av_frame_make_writable(scaled), "reusing the scaled picture");
            Ffmpeg.check(sws_scale_frame(sws, scaled, src), "scaling the picture");
            in = scaled;
        }
        in.pts(pts).pict_type(key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        Ffmpeg.check(avcodec_send_frame(enc, in), "encoding a picture");
        pictures++;
        drainEncoder();
        if (src == transferred) {
            av_frame_unref(transferred);
        }
    }

    private void drainEncoder() throws TranscodeException {
        for (;;) {
            int r = avcodec_receive_packet(enc, outPkt);
            if (r == EAGAIN || r == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(r, "encoding a picture");
            try {
                AccessUnit au = toAccessUnit(outPkt);
                if (au != null) {
                    output.accessUnit(au);
                }
            } finally {
                av_packet_unref(outPkt);
            }
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
        enc = openEncoder(name, bps);
        if (enc == null && !name.equals("libx264")) {
            name = "libx264";
            enc = openEncoder(name, bps);
        }
        if (enc == null) {
            throw new TranscodeException("the H.264 encoder (" + name + ") would not open at " + outWidth + "x"
                    + outHeight);
        }
        encoderName = name;
        sws = sws_alloc_context();
        // Bilinear: a third of bicubic's cost at live rates, and soft enough for a downscale to 360p.
        sws.flags(SWS_BILINEAR).threads(1);
        scaled.width(outWidth).height(outHeight).format(AV_PIX_FMT_YUV420P);
        Ffmpeg.check(av_frame_get_buffer(scaled, 0), "allocating the scaled picture");
        output.started(parameterSets(enc), outWidth, outHeight);
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

    /** The SPS and PPS from the encoder's global header (Annex B in {@code extradata}). */
    private static MediaFormat.H264 parameterSets(AVCodecContext enc) throws TranscodeException {
        int n = enc.extradata_size();
        byte[] extradata = new byte[n];
        enc.extradata().get(extradata);
        List<ByteBuf> units = new ArrayList<>();
        AnnexB.split(Unpooled.wrappedBuffer(extradata), units);
        byte[] sps = null;
        byte[] pps = null;
        for (ByteBuf u : units) {
            int type = u.getByte(u.readerIndex()) & 0x1f;
            byte[] bytes = new byte[u.readableBytes()];
            u.getBytes(u.readerIndex(), bytes);
            if (type == 7 && sps == null) {
                sps = bytes;
            } else if (type == 8 && pps == null) {
                pps = bytes;
            }
            u.release();
        }
        if (sps == null || pps == null) {
            throw new TranscodeException("the H.264 encoder gave no SPS/PPS in its global header");
        }
        return new MediaFormat.H264(sps, pps);
    }

    /** Writes the keyframe's parameter sets (if any) and the unit's NAL units, with start codes, into inBuf. */
    private int writeInput(AccessUnit au, MediaFormat format) {
        byte[][] sets = au.keyframe() ? parameterSets(format) : null;
        int size = 0;
        if (sets != null) {
            for (byte[] ps : sets) {
                size += START_CODE.length + ps.length;
            }
        }
        for (int i = 0; i < au.unitCount(); i++) {
            size += START_CODE.length + au.unit(i).readableBytes();
        }
        if (size + AV_INPUT_BUFFER_PADDING_SIZE > inView.capacity()) {
            growInput(Math.max(size + AV_INPUT_BUFFER_PADDING_SIZE, inView.capacity() * 2));
        } else if (av_buffer_is_writable(inRef) == 0) {
            growInput(inView.capacity());
        }
        ByteBuffer out = inView.clear();
        if (sets != null) {
            for (byte[] ps : sets) {
                out.put(START_CODE).put(ps);
            }
        }
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf nal = au.unit(i);
            out.put(START_CODE);
            int n = nal.readableBytes();
            out.limit(out.position() + n);
            nal.getBytes(nal.readerIndex(), out);
            out.limit(out.capacity());
        }
        // The decoder's bitstream reader may read past the end: the padding must be zero (avcodec.h).
        for (int i = 0; i < AV_INPUT_BUFFER_PADDING_SIZE; i++) {
            out.put(size + i, (byte) 0);
        }
        return size;
    }

    private static byte[][] parameterSets(MediaFormat format) {
        return switch (format) {
            case MediaFormat.H264 h when h.hasParameterSets() -> new byte[][] {h.sps(), h.pps()};
            case MediaFormat.H265 h when h.hasParameterSets() -> new byte[][] {h.vps(), h.sps(), h.pps()};
            default -> null;
        };
    }

    /** A new input buffer; a decoder still holding the old one keeps it alive until it lets go. */
    private void growInput(int capacity) {
        if (inRef != null) {
            av_buffer_unref(inRef);
        }
        inRef = av_buffer_alloc(capacity);
        inBuf = inRef.data().capacity(capacity);
        inView = inBuf.asByteBuffer();
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
        return hardwareDecode && dec != null;
    }

    /** The H.264 encoder in use ({@code libx264}, {@code h264_nvenc} …), null until the first picture. */
    public String encoder() {
        return encoderName;
    }

    @Override
    public void close() {
        if (enc != null) {
            avcodec_free_context(enc);
            enc = null;
        }
        if (dec != null) {
            avcodec_free_context(dec);
            dec = null;
        }
        if (sws != null) {
            sws_free_context(sws);
            sws = null;
        }
        av_packet_free(inPkt);
        av_packet_free(outPkt);
        av_frame_free(decoded);
        av_frame_free(transferred);
        av_frame_free(scaled);
        if (inRef != null) {
            av_buffer_unref(inRef);
            inRef = null;
        }
    }
}
