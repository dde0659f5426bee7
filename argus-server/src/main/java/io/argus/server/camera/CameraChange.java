package io.argus.server.camera;

/**
 * A requested camera creation or change; null fields are left as they are (or take their default on create).
 * An empty username or password clears it.
 *
 * @param transport {@code auto}, {@code tcp} or {@code udp}, any case
 */
public record CameraChange(String name, String url, String username, String password, Boolean enabled,
                           String transport) {
    @Override
    public String toString() {
        return "CameraChange[" + name + ", enabled=" + enabled + ", transport=" + transport + "]";
    }
}
