package io.argus.media.reencode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
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
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_free_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import io.argus.media.av.AvErrors;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexB;
import io.argus.media.transcode.TranscodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * Decodes one chunk's pictures (H.264 or H.265, length-prefixed as the chunk stores them) and encodes them with
 * libx265: no B-frames, keyframes where the source has them (forced IDR; scene cuts and the periodic keyframe off),
 * headers out of band (the sample entry's hvcC). The packets are kept, in order, for the chunk writer.
 *
 * <p>Not thread-safe: one chunk, one thread, then {@link #close}.
 */
final class X265Encoder implements AutoCloseable {
    static final String ENCODER = "libx265";
    /** AVERROR(EAGAIN) on Linux: the codec wants the other call first. */
    private static final int EAGAIN = -11;
    /** libavutil/frame.h: AV_FRAME_FLAG_KEY (a macro, so JavaCPP has no constant for it). */
    private static final int AV_FRAME_FLAG_KEY = 1 << 1;
    /** The longest GOP x265 makes on its own: keyframes come from the source; this is only a backstop. */
    private static final int MAX_KEYINT = 1000;
    private static final byte[] START_CODE = {0, 0, 0, 1};

    /** An encoded picture in Annex B; {@code data} is owned by the encoder's list until taken. */
    record Packet(ByteBuf data, boolean key) {
    }

    private final ChunkReencoding how;
    private final MediaFormat source;
    private final ByteBufAllocator alloc;
    private final int timescale;
    private AVCodecContext dec;
    private AVCodecContext enc;
    private SwsContext sws;
    private final AVPacket pkt = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame converted = av_frame_alloc();
    private final List<Packet> packets = new ArrayList<>();
    private MediaFormat.H265 format;

    X265Encoder(MediaFormat source, ChunkReencoding how, ByteBufAllocator alloc) throws TranscodeException {
        this.how = how;
        this.source = source;
        this.alloc = alloc;
        this.timescale = source.clockRate();
        if (!(source instanceof MediaFormat.H264) && !(source instanceof MediaFormat.H265)) {
            close();
            throw new TranscodeException("re-encodes decode H.264 and H.265, not " + source.codec());
        }
        AVCodec codec = avcodec_find_decoder(source instanceof MediaFormat.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        dec = avcodec_alloc_context3(codec);
        dec.thread_count(1).pkt_timebase(av_make_q(1, timescale));
        if (avcodec_open2(dec, codec, (AVDictionary) null) < 0) {
            close();
            throw new TranscodeException("this FFmpeg cannot open a " + source.codec() + " decoder");
        }
    }

    static boolean available() {
        AVCodec c = avcodec_find_encoder_by_name(ENCODER);
        return c != null && !c.isNull();
    }

    /** Decodes one sample of {@code chunk} (<b>borrowed</b>) and encodes what the decoder gives back. */
    void decode(ByteBuf chunk, ChunkSamples.Sample s) throws TranscodeException {
        byte[][] sets = s.sync() ? parameterSets() : new byte[0][];
        int size = s.size();
        for (byte[] ps : sets) {
            size += START_CODE.length + ps.length;
        }
        check(av_new_packet(pkt, size), "allocating a packet");
        ByteBuffer out = pkt.data().capacity(size + AV_INPUT_BUFFER_PADDING_SIZE).asByteBuffer();
        for (byte[] ps : sets) {
            out.put(START_CODE).put(ps);
        }
        // The chunk's NAL units are behind 4-byte lengths (ISO/IEC 14496-15): the same size as start codes.
        int at = chunk.readerIndex() + (int) s.offset();
        int end = at + s.size();
        while (at + 4 <= end) {
            int n = chunk.getInt(at);
            if (n < 0 || at + 4 + n > end) {
                break;
            }
            out.put(START_CODE);
            out.limit(out.position() + n);
            chunk.getBytes(at + 4, out);
            out.limit(out.capacity());
            at += 4 + n;
        }
        pkt.size(out.position()).pts(s.pts()).dts(s.dts()).flags(s.sync() ? AV_PKT_FLAG_KEY : 0);
        int r = avcodec_send_packet(dec, pkt);
        av_packet_unref(pkt);
        if (r < 0 && r != EAGAIN) {
            throw new TranscodeException("decoding a picture failed: " + AvErrors.text(r));
        }
        drainDecoder();
    }

    /** Flushes the decoder and the encoder: every picture is in {@link #packets()} afterwards. */
    void finish() throws TranscodeException {
        avcodec_send_packet(dec, null);
        drainDecoder();
        if (enc == null) {
            throw new TranscodeException("no picture of the chunk could be decoded");
        }
        check(avcodec_send_frame(enc, null), "flushing the encoder");
        drainEncoder();
    }

    private void drainDecoder() throws TranscodeException {
        for (;;) {
            int r = avcodec_receive_frame(dec, decoded);
            if (r == EAGAIN || r == AVERROR_EOF) {
                return;
            }
            check(r, "decoding a picture");
            encode(decoded);
        }
    }

    private void encode(AVFrame picture) throws TranscodeException {
        if (enc == null) {
            open(picture.width(), picture.height());
        }
        boolean key = (picture.flags() & AV_FRAME_FLAG_KEY) != 0;
        long pts = picture.best_effort_timestamp();
        AVFrame in = picture;
        if (picture.format() != AV_PIX_FMT_YUV420P || picture.width() != enc.width()
                || picture.height() != enc.height()) {
            check(av_frame_make_writable(converted), "reusing the converted picture");
            check(sws_scale_frame(sws, converted, picture), "converting the picture");
            in = converted;
        }
        in.pts(pts).pict_type(key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        check(avcodec_send_frame(enc, in), "encoding a picture");
        drainEncoder();
    }

    private void drainEncoder() throws TranscodeException {
        for (;;) {
            int r = avcodec_receive_packet(enc, pkt);
            if (r == EAGAIN || r == AVERROR_EOF) {
                return;
            }
            check(r, "encoding a picture");
            try {
                ByteBuf data = alloc.directBuffer(pkt.size());
                data.writeBytes(pkt.data().capacity(pkt.size()).asByteBuffer());
                packets.add(new Packet(data, (pkt.flags() & AV_PKT_FLAG_KEY) != 0));
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    private void open(int width, int height) throws TranscodeException {
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        if (codec == null || codec.isNull()) {
            throw new TranscodeException("this FFmpeg build has no " + ENCODER);
        }
        enc = avcodec_alloc_context3(codec);
        enc.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, timescale))
                .framerate(av_make_q(25, 1)).gop_size(MAX_KEYINT).max_b_frames(0).thread_count(how.threads())
                .flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        if (how.kbps() != 0) {
            enc.bit_rate(how.kbps() * 1000L);
        }
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "preset", how.preset(), 0);
        av_dict_set(opts, "forced-idr", "1", 0);
        if (how.crf() != 0) {
            av_dict_set(opts, "crf", Integer.toString(how.crf()), 0);
        }
        av_dict_set(opts, "x265-params", "bframes=0:scenecut=0:open-gop=0:min-keyint=1:keyint=" + MAX_KEYINT
                + ":pools=" + how.threads() + ":frame-threads=1:log-level=error", 0);
        try {
            check(avcodec_open2(enc, codec, opts), "opening " + ENCODER + " at " + width + "x" + height);
        } finally {
            av_dict_free(opts);
        }
        sws = sws_alloc_context();
        sws.flags(SWS_BILINEAR).threads(1);
        converted.width(width).height(height).format(AV_PIX_FMT_YUV420P);
        check(av_frame_get_buffer(converted, 0), "allocating the converted picture");
        format = headers(enc);
    }

    /** The VPS, SPS and PPS from the encoder's global header (Annex B in {@code extradata}). */
    private static MediaFormat.H265 headers(AVCodecContext enc) throws TranscodeException {
        byte[] extradata = new byte[enc.extradata_size()];
        enc.extradata().get(extradata);
        List<ByteBuf> units = new ArrayList<>();
        AnnexB.split(Unpooled.wrappedBuffer(extradata), units);
        byte[][] sets = new byte[3][];
        for (ByteBuf u : units) {
            int type = (u.getByte(u.readerIndex()) >> 1) & 0x3f;
            if (type >= 32 && type <= 34 && sets[type - 32] == null) {
                sets[type - 32] = new byte[u.readableBytes()];
                u.getBytes(u.readerIndex(), sets[type - 32]);
            }
            u.release();
        }
        if (sets[0] == null || sets[1] == null || sets[2] == null) {
            throw new TranscodeException(ENCODER + " gave no VPS/SPS/PPS in its global header");
        }
        return new MediaFormat.H265(sets[0], sets[1], sets[2]);
    }

    private byte[][] parameterSets() {
        return switch (source) {
            case MediaFormat.H264 h when h.hasParameterSets() -> new byte[][] {h.sps(), h.pps()};
            case MediaFormat.H265 h when h.hasParameterSets() -> new byte[][] {h.vps(), h.sps(), h.pps()};
            default -> new byte[0][];
        };
    }

    /** The encoded track's format; null before the first picture. */
    MediaFormat.H265 format() {
        return format;
    }

    /** The encoded pictures, in order; the caller takes ownership of their buffers. */
    List<Packet> packets() {
        return packets;
    }

    private static int check(int result, String what) throws TranscodeException {
        if (result < 0) {
            throw new TranscodeException(what + " failed: " + AvErrors.text(result));
        }
        return result;
    }

    /** Frees FFmpeg's memory; packets not taken by the caller stay in {@link #packets()} for it to release. */
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
        av_packet_free(pkt);
        av_frame_free(decoded);
        av_frame_free(converted);
    }
}
