package io.argus.media.av;

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
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * The decode half that live transcodes, chunk re-encodes and analytics share: one H.264/H.265 decoder, fed NAL
 * units that are written with start codes (ITU-T H.264 and H.265 Annex B) into one reused input buffer, with the
 * track's parameter sets in band before keyframes (for cameras that send them only out of band), and pictures
 * copied back from a hardware device when one decodes them.
 *
 * <p>The input buffer is allocated once and grown when a bigger picture comes; the decoder takes a reference to
 * it instead of a copy, and a decoder that still holds the old one keeps it alive until it lets go. Not
 * thread-safe: one thread feeds it and {@link #close}s it.
 */
public final class FfmpegVideoDecoder implements AutoCloseable {
    /** AVERROR(EAGAIN) on Linux: the codec wants the other call first. Not an error. */
    public static final int EAGAIN = -11;
    /** libavutil/frame.h: the picture is a keyframe (a macro, so JavaCPP has no constant for it). */
    public static final int AV_FRAME_FLAG_KEY = 1 << 1;
    private static final byte[] START_CODE = {0, 0, 0, 1};
    private static final int FIRST_INPUT_CAPACITY = 256 << 10;

    private final AVCodecContext ctx;
    private final boolean hardware;
    private final AVPacket pkt = av_packet_alloc();
    private final AVFrame transferred = av_frame_alloc();
    private AVBufferRef inRef;
    private BytePointer inBuf;
    private ByteBuffer inView;
    private boolean closed;

    private FfmpegVideoDecoder(AVCodecContext ctx, boolean hardware) {
        this.ctx = ctx;
        this.hardware = hardware;
        growInput(FIRST_INPUT_CAPACITY);
    }

    /**
     * Opens a one-thread decoder for {@code format}, or null when this FFmpeg cannot (no such decoder, or it would
     * not open on {@code device}).
     *
     * @param lowDelay  a picture out for each one in (no reordering delay), for live work
     * @param timescale the packets' clock rate, 0 to leave FFmpeg's default
     * @param device    a hardware device to decode on (<b>borrowed</b>: the decoder takes its own reference), or null
     * @throws IllegalArgumentException when the format is not H.264 or H.265
     */
    public static FfmpegVideoDecoder open(MediaFormat format, boolean lowDelay, int timescale, AVBufferRef device) {
        if (!(format instanceof MediaFormat.H264) && !(format instanceof MediaFormat.H265)) {
            throw new IllegalArgumentException("only H.264 and H.265 decode, not " + format.codec());
        }
        AVCodec codec = avcodec_find_decoder(format instanceof MediaFormat.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        if (codec == null || codec.isNull()) {
            return null;
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        // One thread: many cameras decode at once, and frame threads would hold back a picture per thread.
        ctx.thread_count(1);
        if (lowDelay) {
            ctx.flags(ctx.flags() | AV_CODEC_FLAG_LOW_DELAY);
        }
        if (timescale > 0) {
            ctx.pkt_timebase(av_make_q(1, timescale));
        }
        if (device != null) {
            ctx.hw_device_ctx(av_buffer_ref(device));
        }
        if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
            avcodec_free_context(ctx);
            return null;
        }
        return new FfmpegVideoDecoder(ctx, device != null);
    }

    /** The parameter sets of {@code format} to put before a keyframe, or none when it has none out of band. */
    public static byte[][] parameterSets(MediaFormat format) {
        return switch (format) {
            case MediaFormat.H264 h when h.hasParameterSets() -> new byte[][] {h.sps(), h.pps()};
            case MediaFormat.H265 h when h.hasParameterSets() -> new byte[][] {h.vps(), h.sps(), h.pps()};
            default -> new byte[0][];
        };
    }

    /**
     * Sends one picture, {@code au} (<b>borrowed</b>), to the decoder, after {@code parameterSets} when it is a
     * keyframe (empty ones are left out).
     *
     * @return FFmpeg's answer: 0, {@link #EAGAIN} or a negative AVERROR
     */
    public int send(AccessUnit au, byte[][] parameterSets) {
        return send(au.unitCount(), au::unit, au.keyframe() ? parameterSets : null, au.pts(), au.dts(),
                au.keyframe());
    }

    /** {@link #send(AccessUnit, byte[][])} for NAL units (<b>borrowed</b>) that are not an access unit. */
    public int send(List<ByteBuf> nals, byte[][] parameterSets, long pts, long dts, boolean key) {
        return send(nals.size(), nals::get, key ? parameterSets : null, pts, dts, key);
    }

    private int send(int count, IntFunction<ByteBuf> nal, byte[][] sets, long pts, long dts, boolean key) {
        int size = 0;
        if (sets != null) {
            for (byte[] ps : sets) {
                size += ps.length == 0 ? 0 : START_CODE.length + ps.length;
            }
        }
        for (int i = 0; i < count; i++) {
            size += START_CODE.length + nal.apply(i).readableBytes();
        }
        if (size + AV_INPUT_BUFFER_PADDING_SIZE > inView.capacity()) {
            growInput(Math.max(size + AV_INPUT_BUFFER_PADDING_SIZE, inView.capacity() * 2));
        } else if (av_buffer_is_writable(inRef) == 0) {
            growInput(inView.capacity());
        }
        ByteBuffer out = inView.clear();
        if (sets != null) {
            for (byte[] ps : sets) {
                if (ps.length > 0) {
                    out.put(START_CODE).put(ps);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            ByteBuf unit = nal.apply(i);
            out.put(START_CODE);
            int n = unit.readableBytes();
            out.limit(out.position() + n);
            unit.getBytes(unit.readerIndex(), out);
            out.limit(out.capacity());
        }
        // The decoder's bitstream reader may read past the end: the padding must be zero (avcodec.h).
        for (int i = 0; i < AV_INPUT_BUFFER_PADDING_SIZE; i++) {
            out.put(size + i, (byte) 0);
        }
        // A reference to the reused buffer, so the decoder takes the packet without copying it; when the next
        // picture is written while the decoder still holds this one, the buffer is not writable and a new one comes.
        pkt.buf(av_buffer_ref(inRef)).data(inBuf).size(size).pts(pts).dts(dts).flags(key ? AV_PKT_FLAG_KEY : 0);
        int r = avcodec_send_packet(ctx, pkt);
        av_packet_unref(pkt);
        return r;
    }

    /** Tells the decoder no more pictures come, so it gives back the ones it holds. */
    public void drain() {
        avcodec_send_packet(ctx, null);
    }

    /**
     * The next decoded picture into {@code frame}.
     *
     * @return 0, {@link #EAGAIN} (send more), AVERROR_EOF (drained) or a negative AVERROR
     */
    public int receive(AVFrame frame) {
        return avcodec_receive_frame(ctx, frame);
    }

    /** Drops the pictures and references the decoder holds: the next picture sent must be a keyframe. */
    public void flush() {
        avcodec_flush_buffers(ctx);
    }

    /**
     * {@code picture} in memory: itself when it is there already, else a copy from the hardware device, which the
     * caller hands back to {@link #release} when done; null when the copy failed.
     */
    public AVFrame inMemory(AVFrame picture) {
        if (picture.hw_frames_ctx() == null || picture.hw_frames_ctx().isNull()) {
            return picture;
        }
        return av_hwframe_transfer_data(transferred, picture, 0) < 0 ? null : transferred;
    }

    /** Lets go of what {@link #inMemory} copied, if it copied. */
    public void release(AVFrame picture) {
        if (picture == transferred) {
            av_frame_unref(transferred);
        }
    }

    /** Whether it was opened on a hardware device. */
    public boolean hardware() {
        return hardware;
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

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AVCodecContext c = ctx;
        avcodec_free_context(c);
        av_packet_free(pkt);
        av_frame_free(transferred);
        if (inRef != null) {
            av_buffer_unref(inRef);
            inRef = null;
        }
    }
}
