package io.argus.analytics;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.StreamReader;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics of one live session of a camera: a reader of its stream on the camera's analytics thread, feeding
 * the video track's units to a {@link FramePipeline}. A new session (the camera reconnected) is a new analysis.
 */
final class StreamAnalysis implements StreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAnalysis.class);

    /**
     * The reader's queue: 10 s of 25 fps video. Analytics fall behind when a detector batch is slow; beyond this the
     * stream skips the reader to the next keyframe and counts the drop, which sampling tolerates.
     */
    static final int READER_QUEUE = 256;

    private final CameraAnalytics camera;
    private final Stream stream;
    private final int track;
    private FramePipeline pipeline;
    private StreamReader reader;
    private boolean ended;

    StreamAnalysis(CameraAnalytics camera, Stream stream) {
        this.camera = camera;
        this.stream = stream;
        this.track = videoTrack(stream);
    }

    private static int videoTrack(Stream stream) {
        List<MediaFormat> formats = stream.formats();
        for (int i = 0; i < formats.size(); i++) {
            Codec c = formats.get(i).codec();
            if (c == Codec.H264 || c == Codec.H265) {
                return i;
            }
        }
        return -1;
    }

    void start() {
        if (track < 0) {
            LOG.info("camera {}: no H.264 or H.265 video; nothing to analyse", camera.id());
            return;
        }
        reader = stream.attach(this, camera.reads(), READER_QUEUE);
    }

    void configure(AnalyticsSettings settings) {
        if (pipeline != null) {
            pipeline.configure(settings);
        }
    }

    @Override
    public void onAccessUnit(AccessUnit au) {
        try {
            if (ended || au.track() != track) {
                return;
            }
            if (pipeline == null) {
                pipeline = camera.pipeline(stream.formats().get(track));
            }
            pipeline.accept(au, camera.wallTime(au.receivedNanos()));
        } catch (RuntimeException e) {
            LOG.warn("camera {}: analytics stopped for this session: {}", camera.id(), e.toString());
            end();
        } finally {
            au.release();
        }
    }

    @Override
    public void onClose() {
        end();
        camera.sessionEnded(this);
    }

    /** Detaches and closes the pipeline (an open motion period ends). Idempotent. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (reader != null) {
            reader.close();
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }
}
