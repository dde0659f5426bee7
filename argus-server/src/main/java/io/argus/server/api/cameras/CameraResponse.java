package io.argus.server.api.cameras;

import io.argus.metadata.Camera;
import java.time.Instant;

/**
 * A camera as the API shows it: the URL without credentials and never the password.
 *
 * @param url     null for a camera fed by an RTSP publisher
 * @param rtspUrl where the caller watches it through this node's RTSP server (a system admin acting in another
 *                tenant gets the tenant-qualified path)
 */
public record CameraResponse(String id, String name, String url, String username, boolean hasPassword,
                             boolean enabled, String transport, CameraStatusResponse status, String rtspUrl,
                             Instant createdAt, Instant updatedAt) {
    static CameraResponse of(Camera c, CameraStatusResponse status, String rtspUrl) {
        return new CameraResponse(c.id().toString(), c.name(), c.url(), c.username(), c.password() != null,
                c.enabled(), c.transport(), status, rtspUrl, c.createdAt(), c.updatedAt());
    }
}
