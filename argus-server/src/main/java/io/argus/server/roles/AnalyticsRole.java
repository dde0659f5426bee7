package io.argus.server.roles;

import io.argus.analytics.Analytics;
import io.argus.analytics.sampling.SamplingConfig;
import io.argus.metadata.CameraAnalyticsRepository;
import io.argus.metadata.JdbcEventProtections;
import io.argus.metadata.JdbcEvents;
import io.argus.server.analytics.AnalyticsService;
import io.argus.server.analytics.Detectors;
import io.argus.server.analytics.EventHub;
import io.argus.server.analytics.EventWindows;
import io.argus.server.camera.CameraService;
import io.argus.server.config.AnalyticsConfig;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Analytics and events: the event store in the metadata database, the event hub, and (when
 * {@code analytics.enabled}) the pipeline reading every camera's stream, with object detection as
 * {@code analytics.detector} says ({@link Detectors}; motion alone where no model loads). Events protect and promote
 * their recording windows ({@link EventWindows}).
 */
public final class AnalyticsRole implements AutoCloseable {
    /** How long the motion and detection rates last after the last motion or detection (SamplingConfig). */
    static final Duration MOTION_HOLD = SamplingConfig.DEFAULT.motionHold();
    static final Duration DETECTION_HOLD = SamplingConfig.DEFAULT.detectionHold();

    private final EventHub events;
    private final Analytics analytics;
    private final AnalyticsService service;

    public AnalyticsRole(AnalyticsConfig config, DataSource metadata, CameraService cameras,
                         RecordingRole recording, Clock clock) {
        events = new EventHub(new JdbcEvents(metadata), recording.service(), new EventWindows(
                new JdbcEventProtections(metadata), recording.service(), recording.tiers().service(),
                Duration.ofDays(config.protectDays()), clock));
        SamplingConfig adaptive = new SamplingConfig(config.quietInterval(), config.motionFps(), MOTION_HOLD,
                config.detectionFps(), DETECTION_HOLD, SamplingConfig.DEFAULT.fixedFps());
        analytics = config.enabled() ? new Analytics(new io.argus.analytics.AnalyticsConfig(config.threads(),
                config.width(), config.gpu(), config.fixedFps() == 0 ? adaptive : adaptive.fixedAt(config.fixedFps())),
                Detectors.analyzer(config), events, clock) : null;
        service = new AnalyticsService(analytics, new CameraAnalyticsRepository(metadata), clock);
        try {
            service.startAll(cameras);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public EventHub events() {
        return events;
    }

    public AnalyticsService service() {
        return service;
    }

    @Override
    public void close() {
        if (analytics != null) {
            analytics.close();
        }
    }
}
