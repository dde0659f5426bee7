package io.argus.server.audit;

/** The audited actions: stable codes that auditors filter on (a prefix such as {@code camera.} selects a group). */
public final class AuditActions {
    public static final String LOGIN = "auth.login";
    public static final String CAMERA_CREATE = "camera.create";
    public static final String CAMERA_UPDATE = "camera.update";
    public static final String CAMERA_DELETE = "camera.delete";
    public static final String CAMERA_RECORDING = "camera.recording";
    public static final String RECORDING_EVENT = "recording.event";
    public static final String BOOKMARK_CREATE = "bookmark.create";
    public static final String BOOKMARK_DELETE = "bookmark.delete";
    public static final String MEDIA_URL = "media.url";
    public static final String LIVE_VIEW = "live.view";
    public static final String SNAPSHOT = "live.snapshot";
    public static final String PLAYBACK = "playback.view";
    public static final String EXPORT = "export";
    public static final String NODE_STATS_RESET = "node.stats_reset";
    public static final String AUDIT_READ = "audit.read";
    public static final String AUDIT_EXPORT = "audit.export";
    public static final String AUDIT_VERIFY = "audit.verify";
    /** A request refused for lack of rights (403), whatever it asked for. */
    public static final String ACCESS_DENIED = "access.denied";

    private AuditActions() {
    }
}
