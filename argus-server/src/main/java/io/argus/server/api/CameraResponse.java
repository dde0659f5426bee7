package io.argus.server.api;

import io.argus.metadata.Camera;
import java.time.Instant;

/**
 * A camera as the API shows it: the URL without credentials and never the password.
 *
 * @param url     null for a camera fed by an RTSP publisher
 * @param rtspUrl where to watch it through this node's RTSP server
 */
public record CameraResponse(String id, String name, String url, String username, boolean hasPassword,
                             boolean enabled, String transport, CameraStatusResponse status, String rtspUrl,
                             Instant createdAt, Instant updatedAt) {
    static CameraResponse of(Camera c, CameraStatusResponse status, String rtspBase) {
        return new CameraResponse(c.id().toString(), c.name(), c.url(), c.username(), c.password() != null,
                c.enabled(), c.transport(), status, rtspBase + c.name(), c.createdAt(), c.updatedAt());
    }
}
