package io.argus.media.transcode;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.LatencyHistogram;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.StreamReader;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader of a camera's live stream that transcodes its video ({@link FfmpegLiveTranscoder}) and publishes the
 * result as a derived {@link Stream} of its own: one H.264 track, with its own GOP cache, that every live output
 * (LL-HLS, WebSocket fMP4, anything that reads a stream) serves as it serves a camera. Audio is not carried.
 *
 * <p>One thread, the worker, drains the reader and transcodes. The derived stream has a writer of its own, so
 * viewers attaching and leaving never wait behind a busy worker (a worker whose queue never empties would never
 * run their attach); each picture hops to it once. A worker that cannot keep up never slows the camera: the
 * reader's queue fills and skips to the next keyframe, counted in {@link #skipped()}.
 */
public final class StreamTranscoder implements StreamConsumer, FfmpegLiveTranscoder.Output {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTranscoder.class);

    /**
     * The reader's queue: 64 units, about 2 s of 25 fps video with audio. A transcode that falls further behind
     * than that is better skipped to the next keyframe than shown later and later.
     */
    static final int QUEUE_CAPACITY = 64;

    /** What becomes of the transcode, called on the worker. */
    public interface Listener {
        /** The first picture was encoded: the derived stream exists and holds it. */
        void live(Stream derived);

        /** The transcode ended (the camera's stream ended, the encoder failed, or it was closed). */
        void ended(String reason);
    }

    private final Stream source;
    private final int track;
    private final Rendition rendition;
    private final Hardware hardware;
    private final Executor worker;
    private final Executor writer;
    private final ByteBufAllocator alloc;
    private final Listener listener;
    private final LatencyHistogram latency = new LatencyHistogram();
    /** Pictures received before this (the camera's cached GOP, replayed at attach) do not count as latency. */
    private final long startedNanos = System.nanoTime();
    private StreamReader reader;
    private FfmpegLiveTranscoder transcoder;
    private volatile Stream derived;
    private volatile boolean ended;
    private volatile long pictures;
    private volatile String endReason = "closed";
    private volatile int width;
    private volatile int height;

    private StreamTranscoder(Stream source, int track, Rendition rendition, Hardware hardware, Executor worker,
                             Executor writer, ByteBufAllocator alloc, Listener listener) {
        this.source = source;
        this.track = track;
        this.rendition = rendition;
        this.hardware = hardware;
        this.worker = worker;
        this.writer = writer;
        this.alloc = alloc;
        this.listener = listener;
    }

    /**
     * Starts transcoding {@code source}'s video on {@code worker}.
     *
     * @param worker a single thread of this transcode's own: all FFmpeg work runs on it
     * @param writer the derived stream's writer (a single thread, e.g. an event loop; it may be shared)
     * @throws TranscodeException when the stream has no H.264/H.265 video
     */
    public static StreamTranscoder start(Stream source, Rendition rendition, Hardware hardware, Executor worker,
                                         Executor writer, ByteBufAllocator alloc, Listener listener)
            throws TranscodeException {
        int track = videoTrack(source.formats());
        if (track < 0) {
            throw new TranscodeException("the camera sends no H.264 or H.265 video");
        }
        StreamTranscoder t = new StreamTranscoder(source, track, rendition, hardware, worker, writer, alloc,
                listener);
        t.reader = source.attach(t, worker, QUEUE_CAPACITY);
        return t;
    }

    /**
     * Whether {@code source} must be transcoded for {@code rendition}: {@code h264} at the camera's own size and
     * bitrate from an H.264 camera is the camera's own stream, served as it is.
     */
    public static boolean needed(Stream source, Rendition rendition) {
        int track = videoTrack(source.formats());
        return !(rendition.equals(Rendition.H264) && track >= 0
                && source.formats().get(track).codec() == Codec.H264);
    }

    private static int videoTrack(List<MediaFormat> formats) {
        for (int i = 0; i < formats.size(); i++) {
            Codec c = formats.get(i).codec();
            if (c == Codec.H264 || c == Codec.H265) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onAccessUnit(AccessUnit au) {
        try {
            if (ended || au.track() != track) {
                return;
            }
            MediaFormat format = source.formats().get(track);
            if (transcoder == null) {
                transcoder = new FfmpegLiveTranscoder(format, rendition, hardware, this, alloc);
            }
            transcoder.transcode(au, format);
        } catch (TranscodeException e) {
            LOG.warn("transcode {} of {} failed: {}", rendition.name(), source.name(), e.getMessage());
            endReason = "the transcode failed: " + e.getMessage();
            reader.close();
        } finally {
            au.release();
        }
    }

    @Override
    public void started(MediaFormat.H264 format, int width, int height) {
        this.width = width;
        this.height = height;
        Stream d = new Stream(source.name() + "~" + rendition.name(), List.of(format), writer);
        derived = d;
        listener.live(d);
    }

    @Override
    public void accessUnit(AccessUnit au) {
        pictures++;
        if (au.receivedNanos() >= startedNanos) {
            latency.recordMicros((System.nanoTime() - au.receivedNanos()) / 1000);
        }
        Stream d = derived;
        try {
            writer.execute(() -> d.publish(au));
        } catch (RejectedExecutionException e) {
            au.release();
        }
    }

    /** The reader was removed: the camera's stream ended, or {@link #close} was called. Frees FFmpeg's memory. */
    @Override
    public void onClose() {
        ended = true;
        Stream d = derived;
        if (d != null) {
            d.close();
        }
        if (transcoder != null) {
            transcoder.close();
        }
        listener.ended(source.isClosed() ? "the camera's stream ended" : endReason);
    }

    /** Stops the transcode; the derived stream's readers are closed. Any thread. */
    public void close() {
        reader.close();
    }

    /** The derived stream, or null until the first picture is encoded. */
    public Stream derived() {
        return derived;
    }

    /** Pictures encoded so far. */
    public long pictures() {
        return pictures;
    }

    /** Units waiting in the reader's queue: how far the transcode is behind the camera. */
    public int queued() {
        return reader.queued();
    }

    /** Units skipped because the transcode fell a queue behind. */
    public long skipped() {
        return reader.dropped();
    }

    /**
     * Time from a picture's arrival from the camera to its transcoded picture's publication, for pictures that
     * arrived after the transcode started (the cached GOP it starts from is older by construction).
     */
    public LatencyHistogram latency() {
        return latency;
    }

    /** The output width, 0 before the first picture. */
    public int width() {
        return width;
    }

    /** The output height, 0 before the first picture. */
    public int height() {
        return height;
    }

    /** The encoder in use, null before the first picture. */
    public String encoder() {
        FfmpegLiveTranscoder t = transcoder;
        return t == null ? null : t.encoder();
    }
}
