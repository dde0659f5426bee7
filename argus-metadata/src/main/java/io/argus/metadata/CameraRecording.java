package io.argus.metadata;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A camera's recording settings row.
 *
 * @param mode          {@code CONTINUOUS}, {@code EVENTS} or {@code OFF}
 * @param retentionDays recordings older than this are deleted unless a bookmark protects them
 */
public record CameraRecording(UUID tenantId, UUID cameraId, String mode, Duration preBuffer, Duration postBuffer,
                              int retentionDays, Instant updatedAt) {
    public CameraRecording {
        Objects.requireNonNull(tenantId);
        Objects.requireNonNull(cameraId);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(preBuffer);
        Objects.requireNonNull(postBuffer);
        Objects.requireNonNull(updatedAt);
    }
}
