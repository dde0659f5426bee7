package io.argus.server.api.cameras;

import io.argus.server.camera.CameraChange;

/**
 * {@code POST /api/v1/cameras} (name and url required) and {@code PATCH /api/v1/cameras/{id}} (absent fields
 * unchanged; an empty username or password clears it). Credentials may also come in the URL's user-info.
 */
public record CameraRequest(String name, String url, String username, String password, Boolean enabled,
                            String transport) {
    CameraChange toChange() {
        return new CameraChange(name, url, username, password, enabled, transport);
    }

    @Override
    public String toString() {
        return "CameraRequest[" + name + "]";
    }
}
