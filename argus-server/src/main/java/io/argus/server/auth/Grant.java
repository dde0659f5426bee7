package io.argus.server.auth;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * One permission as enforced: actions on a camera scope (groups already expanded to their cameras), with an
 * optional look-back window for playback and export.
 *
 * @param allCameras every camera of the tenant
 * @param cameras    the cameras in scope when not {@code allCameras}
 * @param window     how far back playback and export may go from now; null for no limit
 */
public record Grant(Set<Action> actions, boolean allCameras, Set<UUID> cameras, Duration window) {
    public Grant {
        actions = Set.copyOf(actions);
        cameras = Set.copyOf(cameras);
    }

    /** Every camera, no window. */
    static Grant everywhere(Set<Action> actions) {
        return new Grant(actions, true, Set.of(), null);
    }

    boolean covers(UUID camera) {
        return allCameras || cameras.contains(camera);
    }
}
