package io.argus.media.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.argus.media.av.FfmpegVideoDecoder;
import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's H.264/H.265 decoder for analytics. It stays open for the camera's session, so decoding a GOP costs
 * no per-frame native allocation: the packet, the frames, the scaler contexts and the output buffers are made once
 * and reused. The parameter sets from the track's format go in band before every keyframe (Annex B, ITU-T H.264
 * and H.265 Annex B), so a camera that sends them only in the SDP decodes too.
 *
 * <p>Where FFmpeg can open a CUDA device (an NVIDIA GPU with its driver), the decoder runs on it and pictures are
 * copied back to memory before scaling; anywhere else (CI, most servers) it is FFmpeg's software decoder. Not
 * thread-safe: one thread (the camera's analytics thread) uses it.
 */
public final class FfmpegFrameDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegFrameDecoder.class);

    private final byte[][] parameterSets;
    private final FfmpegVideoDecoder dec;
    private final AVFrame frame;
    private SwsContext toGray;
    private SwsContext toRgb;
    private BytePointer grayOut;
    private BytePointer rgbOut;
    private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);
    private boolean closed;

    private FfmpegFrameDecoder(byte[][] parameterSets, FfmpegVideoDecoder dec) {
        this.parameterSets = parameterSets;
        this.dec = dec;
        this.frame = av_frame_alloc();
    }

    /**
     * Opens a decoder for the track (one thread and low delay: analytics decode many cameras at once).
     *
     * @param tryGpu whether to try a CUDA device first (it falls back to the CPU when there is none)
     * @throws IllegalArgumentException when the format is not H.264 or H.265
     * @throws IllegalStateException    when this FFmpeg build cannot decode it
     */
    public static FfmpegFrameDecoder open(MediaFormat format, boolean tryGpu) {
        byte[][] sets = switch (format) {
            case MediaFormat.H264 h -> new byte[][] {h.sps(), h.pps()};
            case MediaFormat.H265 h -> new byte[][] {h.vps(), h.sps(), h.pps()};
            default -> throw new IllegalArgumentException("analytics decode H.264 and H.265, not " + format.codec());
        };
        AVBufferRef cuda = tryGpu ? cuda() : null;
        try {
            FfmpegVideoDecoder dec = FfmpegVideoDecoder.open(format, true, 0, cuda);
            if (dec == null) {
                throw new IllegalStateException("this FFmpeg cannot open a " + format.codec() + " decoder");
            }
            return new FfmpegFrameDecoder(sets, dec);
        } finally {
            if (cuda != null) {
                av_buffer_unref(cuda);
            }
        }
    }

    /** Whether FFmpeg can open a CUDA device here: what {@link #open} with {@code tryGpu} would use. */
    public static boolean cudaAvailable() {
        PointerPointer<AVBufferRef> ref = new PointerPointer<>(1);
        try {
            if (av_hwdevice_ctx_create(ref, AV_HWDEVICE_TYPE_CUDA, (BytePointer) null, null, 0) < 0) {
                return false;
            }
            av_buffer_unref(ref);
            return true;
        } finally {
            ref.close();
        }
    }

    /** A CUDA device (the caller unrefs it), or null when there is none. */
    private static AVBufferRef cuda() {
        PointerPointer<AVBufferRef> ref = new PointerPointer<>(1);
        try {
            int r = av_hwdevice_ctx_create(ref, AV_HWDEVICE_TYPE_CUDA, (BytePointer) null, null, 0);
            if (r < 0) {
                LOG.debug("no CUDA device ({}): decoding on the CPU", r);
                return null;
            }
            // FFmpeg's default pixel-format negotiation picks the device's format when a device is attached.
            return ref.get(AVBufferRef.class, 0);
        } finally {
            ref.close();
        }
    }

    /** Whether pictures are decoded on a GPU. */
    public boolean gpu() {
        return dec.hardware();
    }

    /**
     * Feeds a unit in decode order; the picture that comes out (if any) is converted into {@code out} when
     * {@code convert}. <b>Borrows</b> {@code au}.
     */
    public DecodeOutcome decode(AccessUnit au, ScaledFrame out, boolean convert) {
        if (dec.send(au, parameterSets) < 0) {
            return DecodeOutcome.CORRUPT;
        }
        return receive(out, convert);
    }

    /**
     * Decodes a keyframe on its own, with no reference to what came before (the quiet rate: one keyframe now and
     * then, nothing in between): drops what the decoder held, decodes, drains the picture out at once (a stream
     * with reordering would otherwise hold it back) and leaves the decoder ready for either kind of call.
     * <b>Borrows</b> {@code keyframe}.
     */
    public DecodeOutcome decodeAlone(AccessUnit keyframe, ScaledFrame out) {
        dec.flush();
        try {
            if (dec.send(keyframe, parameterSets) < 0) {
                return DecodeOutcome.CORRUPT;
            }
            dec.drain();
            return receive(out, true);
        } finally {
            dec.flush();
        }
    }

    /** Forgets the references held (the caller skipped units): the next unit fed must be a keyframe. */
    public void reset() {
        dec.flush();
    }

    /** Takes every picture the decoder has ready; the last one is converted when asked. */
    private DecodeOutcome receive(ScaledFrame out, boolean convert) {
        DecodeOutcome outcome = DecodeOutcome.DECODED;
        while (dec.receive(frame) >= 0) {
            try {
                if (convert && frame.decode_error_flags() == 0) {
                    outcome = convert(frame, out) ? DecodeOutcome.CONVERTED : DecodeOutcome.CORRUPT;
                }
            } finally {
                av_frame_unref(frame);
            }
        }
        return outcome;
    }

    private boolean convert(AVFrame picture, ScaledFrame out) {
        AVFrame src = dec.inMemory(picture);
        if (src == null) {
            return false;
        }
        try {
            out.fit(src.width(), src.height());
            toGray = scale(toGray, src, out, AV_PIX_FMT_GRAY8);
            grayOut = output(grayOut, out.gray().length);
            if (!run(toGray, src, grayOut, out.width(), out.height())) {
                return false;
            }
            grayOut.get(out.gray());
            toRgb = scale(toRgb, src, out, AV_PIX_FMT_RGB24);
            rgbOut = output(rgbOut, out.rgb().length);
            if (!run(toRgb, src, rgbOut, out.width() * 3, out.height())) {
                return false;
            }
            rgbOut.get(out.rgb());
            out.pts(picture.best_effort_timestamp());
            return true;
        } finally {
            dec.release(src);
        }
    }

    /** The cached scaler for this source size and format (made again only when the stream's size changes). */
    private static SwsContext scale(SwsContext sws, AVFrame src, ScaledFrame out, int dstFormat) {
        // Area averaging: a large downscale without aliasing, which differencing would see as motion.
        return sws_getCachedContext(sws, src.width(), src.height(), src.format(), out.width(), out.height(),
                dstFormat, SWS_AREA, null, null, (DoublePointer) null);
    }

    private static BytePointer output(BytePointer current, int size) {
        if (current != null && current.capacity() == size) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        return new BytePointer(size);
    }

    private boolean run(SwsContext sws, AVFrame src, BytePointer target, int stride, int height) {
        if (sws == null || sws.isNull()) {
            return false;
        }
        dst.put(0, target);
        dstStride.put(0, stride);
        return sws_scale(sws, src.data(), src.linesize(), 0, src.height(), dst, dstStride) == height;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_frame_free(frame);
        dec.close();
        sws_freeContext(toGray);
        sws_freeContext(toRgb);
        for (BytePointer p : new BytePointer[] {grayOut, rgbOut}) {
            if (p != null) {
                p.close();
            }
        }
        dst.close();
        dstStride.close();
    }
}
