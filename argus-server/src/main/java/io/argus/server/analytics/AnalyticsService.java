package io.argus.server.analytics;

import io.argus.analytics.Analytics;
import io.argus.analytics.AnalyticsSettings;
import io.argus.analytics.AnalyticsStats;
import io.argus.media.path.Path;
import io.argus.metadata.Camera;
import io.argus.metadata.CameraAnalyticsRepository;
import io.argus.server.camera.CameraService;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps every camera's analytics in step with its stored settings. Cameras without a row run
 * {@link AnalyticsSettings#DEFAULT} (motion on). Without a pipeline on this node ({@code analytics.enabled=false})
 * settings are still stored and served. A node analyses the cameras it ingests, as it records them: in a cluster
 * the owner of each camera's shard, so a camera's events come from one node, and a node that relays a camera for
 * its viewers does not analyse it too (nor hold the relay open by reading it).
 */
public final class AnalyticsService implements CameraService.Listener, CameraService.IngestListener {
    private final Analytics analytics;
    private final CameraAnalyticsRepository settings;
    private final Clock clock;

    /** @param analytics the node's pipeline, or null when analytics are off on this node */
    public AnalyticsService(Analytics analytics, CameraAnalyticsRepository settings, Clock clock) {
        this.analytics = analytics;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts analysing the cameras this node ingests now; then follows the camera service. */
    public void startAll(CameraService cameras) {
        cameras.addListener(this);
        if (analytics != null) {
            cameras.followIngest(this);
        }
    }

    @Override
    public void started(Camera camera, Path path, long epoch) {
        analytics.add(camera.tenantId(), camera.id(), path, find(camera.tenantId(), camera.id()));
    }

    @Override
    public void stopped(Collection<UUID> cameras) {
        cameras.forEach(analytics::remove);
    }

    @Override
    public void removed(UUID tenant, UUID camera) {
        settings.delete(tenant, camera);
    }

    /** The camera's settings changed on another node: applies the stored ones here, if this node analyses it. */
    public void reload(UUID tenant, UUID camera) {
        if (analytics != null) {
            analytics.configure(camera, find(tenant, camera));
        }
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
