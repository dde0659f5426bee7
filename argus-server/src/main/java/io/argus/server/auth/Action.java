package io.argus.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a permission lets a user do. Camera actions are given on a set of cameras (all, ids, groups); the others
 * on the whole tenant. System actions ({@link #MANAGE_TENANTS}, {@link #VIEW_SYSTEM}) span every tenant and only
 * the built-in system-admin role has them: a custom role cannot grant them.
 */
public enum Action {
    /** Live video: snapshot, LL-HLS, WebSocket, RTSP read. */
    VIEW_LIVE(true),
    /** Recorded video: recordings, timeline, bookmarks list, playback playlist and chunks; a time window applies. */
    PLAYBACK(true),
    /** MP4 export of recordings; a time window applies. */
    EXPORT(true),
    /** Pan, tilt, zoom (no PTZ route yet; granted so roles stay stable when one arrives). */
    PTZ(true),
    /** Adding and deleting bookmarks, triggering recording events. */
    BOOKMARK(true),
    /** Adding, changing and deleting cameras, their recording settings and camera groups; RTSP publishing. */
    MANAGE_CAMERAS(true),
    /** Users, their roles, custom roles. */
    MANAGE_USERS(false),
    /** The audit log. */
    READ_AUDIT(false),
    /** Node statistics and metrics of every tenant. */
    VIEW_SYSTEM(false),
    /** Creating, listing, disabling tenants; acting in any tenant. */
    MANAGE_TENANTS(false);

    /** Actions a custom role may grant. */
    public static final Set<Action> GRANTABLE = EnumSet.complementOf(EnumSet.of(VIEW_SYSTEM, MANAGE_TENANTS));

    /** Actions whose recorded range a permission's time window limits. */
    public static final Set<Action> WINDOWED = EnumSet.of(PLAYBACK, EXPORT);

    private final boolean camera;

    Action(boolean camera) {
        this.camera = camera;
    }

    /** Whether it is given on cameras (rather than on the tenant). */
    public boolean camera() {
        return camera;
    }

    /** The name used in the API, roles and token scopes: {@code view-live}, {@code manage-cameras}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Action> parse(String id) {
        return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id();
    }
}
