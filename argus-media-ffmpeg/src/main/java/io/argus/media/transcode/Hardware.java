package io.argus.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video hardware this node's FFmpeg can use, probed once at start-up: a device context is created for CUDA
 * (NVDEC), VAAPI and QSV ({@code av_hwdevice_ctx_create}, which fails cleanly where there is no driver or device),
 * and each hardware H.264 encoder is opened once on a tiny picture (a GPU with NVDEC may have no NVENC, as the
 * H100/H200 do not). Transcodes decode on the first device found (CUDA, then VAAPI) and encode with the first
 * encoder that opened; with none, they run on the CPU (FFmpeg's decoders and libx264).
 */
public final class Hardware implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hardware.class);

    /** No hardware: what tests and CPU-only nodes use. */
    public static final Hardware NONE = new Hardware(List.of(), List.of(), null, null);

    /** Device types in the order a decode device is picked; QSV decodes through its own decoders, so last. */
    private static final String[] DEVICES = {"cuda", "vaapi", "qsv"};
    private static final int[] DEVICE_TYPES = {AV_HWDEVICE_TYPE_CUDA, AV_HWDEVICE_TYPE_VAAPI, AV_HWDEVICE_TYPE_QSV};
    /**
     * Hardware encoders that take the software YUV 4:2:0 pictures the scaler makes as they are. VAAPI's would need
     * them uploaded to the device and QSV's converted to NV12 first: detected as devices, not used to encode.
     */
    private static final String[] ENCODERS = {"h264_nvenc"};

    private final List<String> devices;
    private final List<String> encoders;
    private final AVBufferRef decodeDevice;
    private final String encoder;

    private Hardware(List<String> devices, List<String> encoders, AVBufferRef decodeDevice, String encoder) {
        this.devices = devices;
        this.encoders = encoders;
        this.decodeDevice = decodeDevice;
        this.encoder = encoder;
    }

    /** Probes the devices and encoders; never fails (what does not open is not there). */
    public static Hardware probe() {
        List<String> found = new ArrayList<>();
        AVBufferRef decode = null;
        for (int i = 0; i < DEVICES.length; i++) {
            AVBufferRef ref = new AVBufferRef(null);
            if (av_hwdevice_ctx_create(ref, DEVICE_TYPES[i], (String) null, null, 0) >= 0) {
                found.add(DEVICES[i]);
                if (decode == null && DEVICE_TYPES[i] != AV_HWDEVICE_TYPE_QSV) {
                    decode = ref;
                } else {
                    av_buffer_unref(ref);
                }
            }
        }
        List<String> encoders = new ArrayList<>();
        for (String name : ENCODERS) {
            if (opens(name)) {
                encoders.add(name);
            }
        }
        LOG.info("video hardware: devices {}, H.264 encoders {}; transcodes decode on {} and encode with {}",
                found, encoders, decode == null ? "the CPU" : found.getFirst(),
                encoders.isEmpty() ? "libx264" : encoders.getFirst());
        return new Hardware(List.copyOf(found), List.copyOf(encoders), decode,
                encoders.isEmpty() ? null : encoders.getFirst());
    }

    private static boolean opens(String name) {
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null || codec.isNull()) {
            return false;
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        try {
            ctx.width(256).height(144).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, 25));
            return avcodec_open2(ctx, codec, (AVDictionary) null) >= 0;
        } finally {
            avcodec_free_context(ctx);
        }
    }

    /** Hardware device types that opened ({@code cuda}, {@code vaapi}, {@code qsv}). */
    public List<String> devices() {
        return devices;
    }

    /** Hardware H.264 encoders that opened ({@code h264_nvenc}). */
    public List<String> encoders() {
        return encoders;
    }

    /** The device transcodes decode on, or null for the CPU. Borrowed: the caller takes its own reference. */
    AVBufferRef decodeDevice() {
        return decodeDevice;
    }

    /** The H.264 encoder transcodes use: a hardware one that opened, else libx264. */
    String encoder() {
        return encoder == null ? "libx264" : encoder;
    }

    @Override
    public void close() {
        if (decodeDevice != null) {
            av_buffer_unref(decodeDevice);
        }
    }
}
