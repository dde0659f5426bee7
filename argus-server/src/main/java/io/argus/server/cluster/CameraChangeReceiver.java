package io.argus.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.EventBus;
import io.argus.cluster.bus.Subscription;
import io.argus.cluster.bus.Topic;
import io.argus.metadata.TenantScope;
import io.argus.server.analytics.AnalyticsService;
import io.argus.server.audit.AuditActions;
import io.argus.server.camera.CameraService;
import io.argus.server.recording.RecordingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Camera changes made on any node ({@link ChangePublisher}'s {@link Topic#CAMERA_CHANGES}) applied on this one: the
 * camera is reloaded from the shared database, so one created, changed or deleted on node A starts, changes or stops
 * on the node that owns it, and new recording or analytics settings reach the node that records and analyses it. Each node reads the topic in a group of its own ({@code argus.camera-changes.<node>}), so
 * every node hears every change; its own changes are already applied and reload to nothing.
 */
public final class CameraChangeReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CameraService cameras;
    private final RecordingService recording;
    private final AnalyticsService analytics;
    private final Subscription subscription;

    public CameraChangeReceiver(EventBus bus, String node, CameraService cameras, RecordingService recording,
                                AnalyticsService analytics) {
        this.cameras = cameras;
        this.recording = recording;
        this.analytics = analytics;
        this.subscription = bus.subscribe(Topic.CAMERA_CHANGES, "argus.camera-changes." + node, this::hear);
    }

    /** A handler that throws is retried by the bus, then dead-lettered (a malformed message, a database down). */
    private void hear(BusMessage m) {
        JsonNode change;
        try {
            change = JSON.readTree(m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("not a camera change: " + m.payload(), e);
        }
        UUID tenant = UUID.fromString(change.path("tenant").asText());
        UUID camera = UUID.fromString(change.path("target").asText());
        String action = change.path("action").asText();
        TenantScope.system(() -> {
            cameras.reload(tenant, camera);
            if (AuditActions.CAMERA_RECORDING.equals(action)) {
                recording.reload(tenant, camera);
            } else if (AuditActions.CAMERA_ANALYTICS.equals(action)) {
                analytics.reload(tenant, camera);
            }
            return null;
        });
    }

    @Override
    public void close() {
        subscription.close();
    }
}
