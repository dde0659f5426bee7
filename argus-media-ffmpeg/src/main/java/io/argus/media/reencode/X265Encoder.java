package io.argus.media.reencode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.argus.media.av.AvErrors;
import io.argus.media.av.FfmpegVideoDecoder;
import io.argus.media.codec.MediaFormat;
import io.argus.media.transcode.FfmpegVideoEncoder;
import io.argus.media.transcode.TranscodeException;
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
 * Decodes one chunk's pictures (H.264 or H.265, length-prefixed as the chunk stores them) and encodes them with
 * libx265: no B-frames, keyframes where the source has them (forced IDR; scene cuts and the periodic keyframe off),
 * headers out of band (the sample entry's hvcC). The packets are kept, in order, for the chunk writer. Decoding and
 * scaling and encoding are the live transcode's ({@link FfmpegVideoDecoder}, {@link FfmpegVideoEncoder}).
 *
 * <p>Not thread-safe: one chunk, one thread, then {@link #close}.
 */
final class X265Encoder implements AutoCloseable {
    static final String ENCODER = "libx265";
    /** The longest GOP x265 makes on its own: keyframes come from the source; this is only a backstop. */
    private static final int MAX_KEYINT = 1000;

    /** An encoded picture in Annex B; {@code data} is owned by the encoder's list until taken. */
    record Packet(ByteBuf data, boolean key) {
    }

    private final ChunkReencoding how;
    private final ByteBufAllocator alloc;
    private final int timescale;
    private final byte[][] parameterSets;
    private final FfmpegVideoDecoder dec;
    private final AVFrame decoded = av_frame_alloc();
    private final List<ByteBuf> nals = new ArrayList<>();
    private final List<Packet> packets = new ArrayList<>();
    private final FfmpegVideoEncoder.Packets keep = this::keep;
    private FfmpegVideoEncoder enc;
    private MediaFormat.H265 format;

    X265Encoder(MediaFormat source, ChunkReencoding how, ByteBufAllocator alloc) throws TranscodeException {
        this.how = how;
        this.alloc = alloc;
        this.timescale = source.clockRate();
        if (!(source instanceof MediaFormat.H264) && !(source instanceof MediaFormat.H265)) {
            av_frame_free(decoded);
            throw new TranscodeException("re-encodes decode H.264 and H.265, not " + source.codec());
        }
        this.parameterSets = FfmpegVideoDecoder.parameterSets(source);
        this.dec = FfmpegVideoDecoder.open(source, false, timescale, null);
        if (dec == null) {
            av_frame_free(decoded);
            throw new TranscodeException("this FFmpeg cannot open a " + source.codec() + " decoder");
        }
    }

    static boolean available() {
        AVCodec c = avcodec_find_encoder_by_name(ENCODER);
        return c != null && !c.isNull();
    }

    /** Decodes one sample of {@code chunk} (<b>borrowed</b>) and encodes what the decoder gives back. */
    void decode(ByteBuf chunk, ChunkSamples.Sample s) throws TranscodeException {
        // The chunk's NAL units are behind 4-byte lengths (ISO/IEC 14496-15).
        int at = chunk.readerIndex() + (int) s.offset();
        int end = at + s.size();
        while (at + 4 <= end) {
            int n = chunk.getInt(at);
            if (n < 0 || at + 4 + n > end) {
                break;
            }
            nals.add(chunk.slice(at + 4, n));
            at += 4 + n;
        }
        int r = dec.send(nals, parameterSets, s.pts(), s.dts(), s.sync());
        nals.clear();
        if (r < 0 && r != FfmpegVideoDecoder.EAGAIN) {
            throw new TranscodeException("decoding a picture failed: " + AvErrors.text(r));
        }
        drainDecoder();
    }

    /** Flushes the decoder and the encoder: every picture is in {@link #packets()} afterwards. */
    void finish() throws TranscodeException {
        dec.drain();
        drainDecoder();
        if (enc == null) {
            throw new TranscodeException("no picture of the chunk could be decoded");
        }
        enc.finish(keep);
    }

    private void drainDecoder() throws TranscodeException {
        for (;;) {
            int r = dec.receive(decoded);
            if (r == FfmpegVideoDecoder.EAGAIN || r == AVERROR_EOF) {
                return;
            }
            check(r, "decoding a picture");
            if (enc == null) {
                open(decoded.width(), decoded.height());
            }
            boolean key = (decoded.flags() & FfmpegVideoDecoder.AV_FRAME_FLAG_KEY) != 0;
            enc.encode(decoded, decoded.best_effort_timestamp(), key, keep);
        }
    }

    private void keep(AVPacket pkt) {
        ByteBuf data = alloc.directBuffer(pkt.size());
        data.writeBytes(pkt.data().capacity(pkt.size()).asByteBuffer());
        packets.add(new Packet(data, (pkt.flags() & AV_PKT_FLAG_KEY) != 0));
    }

    private void open(int width, int height) throws TranscodeException {
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        if (codec == null || codec.isNull()) {
            throw new TranscodeException("this FFmpeg build has no " + ENCODER);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        ctx.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, timescale))
                .framerate(av_make_q(25, 1)).gop_size(MAX_KEYINT).max_b_frames(0).thread_count(how.threads())
                .flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        if (how.kbps() != 0) {
            ctx.bit_rate(how.kbps() * 1000L);
        }
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "preset", how.preset(), 0);
        av_dict_set(opts, "forced-idr", "1", 0);
        if (how.crf() != 0) {
            av_dict_set(opts, "crf", Integer.toString(how.crf()), 0);
        }
        av_dict_set(opts, "x265-params", "bframes=0:scenecut=0:open-gop=0:min-keyint=1:keyint=" + MAX_KEYINT
                + ":pools=" + how.threads() + ":frame-threads=1:log-level=error", 0);
        int r;
        try {
            r = avcodec_open2(ctx, codec, opts);
        } finally {
            av_dict_free(opts);
        }
        if (r < 0) {
            avcodec_free_context(ctx);
            check(r, "opening " + ENCODER + " at " + width + "x" + height);
        }
        enc = new FfmpegVideoEncoder(ctx);
        format = headers(enc.globalHeader());
    }

    /** The VPS, SPS and PPS from the encoder's global header. */
    private static MediaFormat.H265 headers(List<byte[]> units) throws TranscodeException {
        byte[][] sets = new byte[3][];
        for (byte[] u : units) {
            int type = (u[0] >> 1) & 0x3f;
            if (type >= 32 && type <= 34 && sets[type - 32] == null) {
                sets[type - 32] = u;
            }
        }
        if (sets[0] == null || sets[1] == null || sets[2] == null) {
            throw new TranscodeException(ENCODER + " gave no VPS/SPS/PPS in its global header");
        }
        return new MediaFormat.H265(sets[0], sets[1], sets[2]);
    }

    /** The encoded track's format; null before the first picture. */
    MediaFormat.H265 format() {
        return format;
    }

    /** The encoded pictures, in order; the caller takes ownership of their buffers. */
    List<Packet> packets() {
        return packets;
    }

    private static void check(int result, String what) throws TranscodeException {
        if (result < 0) {
            throw new TranscodeException(what + " failed: " + AvErrors.text(result));
        }
    }

    /** Frees FFmpeg's memory; packets not taken by the caller stay in {@link #packets()} for it to release. */
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
