package io.argus.analytics;

import io.argus.analytics.detect.Detection;
import io.argus.analytics.motion.MotionDetector;
import io.argus.analytics.motion.MotionPeriods;
import io.argus.analytics.motion.MotionResult;
import io.argus.analytics.sampling.AdaptiveSampler;
import io.argus.analytics.sampling.Sample;
import io.argus.analytics.sampling.SamplingConfig;
import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.decode.DecodeOutcome;
import io.argus.media.decode.FfmpegFrameDecoder;
import io.argus.media.decode.ScaledFrame;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The analytics of one live session of a camera's video track: sample, decode what the sample needs, find motion,
 * hand motion-gated pictures to the {@link FrameAnalyzer}, and turn motion periods into events with a thumbnail.
 * Single-threaded: the camera's analytics thread.
 */
final class FramePipeline implements AutoCloseable {
    /**
     * Motion periods: two analysed pictures in a row start one (the first raises the rate, so the second follows
     * within a quarter second), five seconds without motion end it.
     */
    static final int START_PICTURES = 2;
    static final Duration END_AFTER = Duration.ofSeconds(5);

    private final UUID tenant;
    private final UUID camera;
    private final int clockRate;
    private final SamplingConfig sampling;
    private final FrameAnalyzer analyzer;
    private final EventSink events;
    private final CameraCounters counters;
    private final FfmpegFrameDecoder decoder;
    private final ScaledFrame picture;
    private final AdaptiveSampler sampler;
    private AnalyticsSettings settings;
    private MotionDetector motion;
    private final MotionPeriods periods = new MotionPeriods(START_PICTURES, END_AFTER);
    private Event openPeriod;
    private long firstPts = Long.MIN_VALUE;
    private Instant anchor;
    private long lastT;

    /**
     * @param width the analysis width (the picture is scaled to it, aspect kept); the thumbnail has this size too
     */
    FramePipeline(UUID tenant, UUID camera, MediaFormat format, AnalyticsSettings settings, SamplingConfig sampling,
                  FrameAnalyzer analyzer, EventSink events, CameraCounters counters, boolean tryGpu, int width) {
        this.tenant = tenant;
        this.camera = camera;
        this.clockRate = format.clockRate();
        this.sampling = sampling;
        this.analyzer = analyzer;
        this.events = events;
        this.counters = counters;
        this.decoder = FfmpegFrameDecoder.open(format, tryGpu);
        this.picture = new ScaledFrame(width);
        this.sampler = new AdaptiveSampler(sampling);
        counters.gpu = decoder.gpu();
        configure(settings);
    }

    void configure(AnalyticsSettings next) {
        this.settings = next;
        this.motion = new MotionDetector(next.motionConfig());
    }

    /**
     * A video unit of the session, received at {@code received} (wall time). Pictures are timed by the first unit's
     * arrival plus their media time, as the recorder times its chunks: wall-clock readings per unit would jitter,
     * and a period could end before it started. <b>Borrows</b> {@code au}.
     */
    void accept(AccessUnit au, Instant received) {
        if (firstPts == Long.MIN_VALUE) {
            firstPts = au.pts();
            anchor = received;
        }
        long t = (au.pts() - firstPts) * 1_000_000_000L / clockRate;
        Instant at = anchor.plusNanos(t);
        counters.received++;
        if (t > lastT) {
            counters.fixedRateNanos += t - lastT;
            lastT = t;
        }
        Sample s = sampler.next(au.keyframe(), t);
        DecodeOutcome outcome = switch (s) {
            case SKIP -> null;
            case KEYFRAME -> decoder.decodeAlone(au, picture);
            case DECODE, ANALYSE -> decoder.decode(au, picture, s == Sample.ANALYSE);
        };
        if (outcome == null) {
            return;
        }
        counters.decoded++;
        if (outcome == DecodeOutcome.CORRUPT) {
            counters.corrupt++;
            sampler.lostReferences();
        } else if (outcome == DecodeOutcome.CONVERTED) {
            analyse(t, at);
        }
        counters.rate = sampler.rate(t).name().toLowerCase(Locale.ROOT);
    }

    private void analyse(long t, Instant at) {
        counters.analysed++;
        MotionResult m = settings.motion() || !settings.objects().isEmpty()
                ? motion.detect(picture.gray(), picture.width(), picture.height()) : MotionResult.NONE;
        if (m.motion()) {
            sampler.motion(t);
        }
        if (settings.motion()) {
            period(at, m);
        }
        if (!settings.objects().isEmpty() && sampler.rate(t) != AdaptiveSampler.Rate.QUIET) {
            List<Detection> found = analyzer.analyze(new AnalysisFrame(tenant, camera, at, picture, settings, m),
                    events);
            if (!found.isEmpty()) {
                sampler.detection(t);
            }
        }
    }

    private void period(Instant at, MotionResult m) {
        switch (periods.update(at, m.motion())) {
            case STARTED -> {
                EventBox box = m.box() == null ? null : new EventBox(m.box().x(), m.box().y(), m.box().w(),
                        m.box().h());
                openPeriod = new Event(tenant, UUID.randomUUID(), camera, EventType.MOTION, periods.start(), null,
                        m.zones().isEmpty() ? null : m.zones().get(0), null, null, box, true);
                counters.motionEvents++;
                events.accept(openPeriod, Thumbnails.jpeg(picture));
            }
            case ENDED -> endPeriod(periods.lastMotion());
            case NONE -> { }
        }
    }

    private void endPeriod(Instant end) {
        if (openPeriod != null) {
            events.accept(openPeriod.endedAt(end), null);
            openPeriod = null;
        }
    }

    /** The session ended: an open motion period ends at its last motion. */
    @Override
    public void close() {
        if (periods.active()) {
            endPeriod(periods.lastMotion());
        }
        decoder.close();
    }
}
