package io.argus.server.api.cameras;

import io.argus.server.camera.CameraChange;
import java.util.UUID;

/**
 * {@code POST /api/v1/cameras/test}: the source fields of a camera form. {@code camera} (an existing camera's id)
 * fills in what is left out, such as the stored password an edit form does not show.
 */
public record CameraTestRequest(UUID camera, String url, String username, String password, String transport) {
    CameraChange toChange() {
        return new CameraChange(null, url, username, password, null, transport);
    }

    @Override
    public String toString() {
        return "CameraTestRequest[" + camera + "]";
    }
}
