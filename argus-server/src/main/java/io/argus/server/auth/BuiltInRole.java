package io.argus.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The roles every tenant has. They are constants, not rows, so nobody can edit them; a custom role cannot take
 * one of their names.
 */
public enum BuiltInRole {
    /** Everything, in every tenant. */
    SYSTEM_ADMIN("system-admin", EnumSet.allOf(Action.class)),
    /** Everything inside its tenant. */
    TENANT_ADMIN("tenant-admin", EnumSet.copyOf(Action.GRANTABLE)),
    /** Watches, plays back, exports, moves cameras and marks events on every camera. */
    OPERATOR("operator", EnumSet.of(Action.VIEW_LIVE, Action.PLAYBACK, Action.EXPORT, Action.PTZ, Action.BOOKMARK)),
    /** Watches live and plays back every camera. */
    VIEWER("viewer", EnumSet.of(Action.VIEW_LIVE, Action.PLAYBACK)),
    /** Reads the audit log; sees no video. */
    AUDITOR("auditor", EnumSet.of(Action.READ_AUDIT));

    private final String id;
    private final Set<Action> actions;

    BuiltInRole(String id, Set<Action> actions) {
        this.id = id;
        this.actions = Set.copyOf(actions);
    }

    public String id() {
        return id;
    }

    public Set<Action> actions() {
        return actions;
    }

    /** The role's single permission: its actions on every camera, no time window. */
    public Grant grant() {
        return Grant.everywhere(actions);
    }

    public static Optional<BuiltInRole> parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
