package io.argus.server.analytics;

import io.argus.analytics.Analytics;
import io.argus.analytics.AnalyticsSettings;
import io.argus.analytics.AnalyticsStats;
import io.argus.media.path.Path;
import io.argus.metadata.Camera;
import io.argus.metadata.CameraAnalyticsRepository;
import io.argus.server.camera.CameraService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps every camera's analytics in step with its stored settings. Cameras without a row run
 * {@link AnalyticsSettings#DEFAULT} (motion on). Without a pipeline on this node ({@code analytics.enabled=false})
 * settings are still stored and served.
 */
public final class AnalyticsService implements CameraService.Listener {
    private final Analytics analytics;
    private final CameraAnalyticsRepository settings;
    private final Clock clock;

    /** @param analytics the node's pipeline, or null when analytics are off on this node */
    public AnalyticsService(Analytics analytics, CameraAnalyticsRepository settings, Clock clock) {
        this.analytics = analytics;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts analysing the cameras that exist now; then follows the camera service. */
    public void startAll(CameraService cameras) {
        if (analytics == null) {
            return;
        }
        for (Map.Entry<Camera, Path> e : cameras.all().entrySet()) {
            added(e.getKey(), e.getValue());
        }
        cameras.addListener(this);
    }

    @Override
    public void added(Camera camera, Path path) {
        analytics.add(camera.tenantId(), camera.id(), path, find(camera.tenantId(), camera.id()));
    }

    @Override
    public void removed(UUID tenant, UUID camera) {
        analytics.remove(camera);
        settings.delete(tenant, camera);
    }

    /** The stored settings, or the defaults. */
    public AnalyticsSettings find(UUID tenant, UUID camera) {
        return settings.find(tenant, camera).map(r -> AnalyticsSettingsCodec.read(r.settings()))
                .orElse(AnalyticsSettings.DEFAULT);
    }

    /** Stores new settings and applies them at once. */
    public void update(UUID tenant, UUID camera, AnalyticsSettings next) {
        settings.put(new CameraAnalyticsRepository.Row(tenant, camera, AnalyticsSettingsCodec.write(next),
                clock.instant()));
        if (analytics != null) {
            analytics.configure(camera, next);
        }
    }

    /** The camera's counters, when this node analyses it. */
    public Optional<AnalyticsStats> stats(UUID camera) {
        return analytics == null ? Optional.empty() : analytics.stats(camera);
    }
}
