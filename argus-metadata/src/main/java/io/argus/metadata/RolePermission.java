package io.argus.metadata;

import java.util.Set;
import java.util.UUID;

/**
 * One grant of a custom role as stored: action names on a camera scope, with an optional look-back window for
 * playback and export. The server gives the action names their meaning.
 *
 * @param allCameras    every camera of the tenant (the id and group lists are then ignored)
 * @param windowSeconds playback and export only of the last this many seconds; null for no limit
 */
public record RolePermission(Set<String> actions, boolean allCameras, Set<UUID> cameraIds, Set<UUID> groupIds,
                             Long windowSeconds) {
    public RolePermission {
        actions = Set.copyOf(actions);
        cameraIds = Set.copyOf(cameraIds);
        groupIds = Set.copyOf(groupIds);
    }
}
