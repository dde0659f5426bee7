package io.argus.server.audit;

/** The audited actions: stable codes that auditors filter on (a prefix such as {@code camera.} selects a group). */
public final class AuditActions {
    public static final String LOGIN = "auth.login";
    /** A login refused without checking the password: too many failures for the user or the source. */
    public static final String LOCKOUT = "auth.lockout";
    public static final String LOGOUT = "auth.logout";
    public static final String TENANT_CREATE = "tenant.create";
    public static final String TENANT_UPDATE = "tenant.update";
    public static final String USER_CREATE = "user.create";
    public static final String USER_UPDATE = "user.update";
    public static final String USER_DELETE = "user.delete";
    /** Users changing their own password. */
    public static final String USER_PASSWORD = "user.password";
    public static final String ROLE_CREATE = "role.create";
    public static final String ROLE_UPDATE = "role.update";
    public static final String ROLE_DELETE = "role.delete";
    public static final String GROUP_CREATE = "group.create";
    public static final String GROUP_UPDATE = "group.update";
    public static final String GROUP_DELETE = "group.delete";
    public static final String TOKEN_CREATE = "token.create";
    public static final String TOKEN_REVOKE = "token.revoke";
    public static final String CAMERA_CREATE = "camera.create";
    public static final String CAMERA_UPDATE = "camera.update";
    public static final String CAMERA_DELETE = "camera.delete";
    public static final String CAMERA_RECORDING = "camera.recording";
    public static final String RECORDING_EVENT = "recording.event";
    public static final String BOOKMARK_CREATE = "bookmark.create";
    public static final String BOOKMARK_DELETE = "bookmark.delete";
    public static final String MEDIA_URL = "media.url";
    /** A publish URL minted: a signed WHIP URL that publishes into the camera. */
    public static final String PUBLISH_URL = "media.publish_url";
    public static final String LIVE_VIEW = "live.view";
    /** A viewer ended its WebRTC (WHEP) session with DELETE. */
    public static final String LIVE_END = "live.end";
    /** A WebRTC (WHIP) publisher started, and ended with DELETE; the target is the camera's name as published to. */
    public static final String LIVE_PUBLISH = "live.publish";
    public static final String LIVE_PUBLISH_END = "live.publish_end";
    public static final String SNAPSHOT = "live.snapshot";
    public static final String PLAYBACK = "playback.view";
    public static final String EXPORT = "export";
    public static final String NODE_STATS_RESET = "node.stats_reset";
    public static final String AUDIT_READ = "audit.read";
    public static final String AUDIT_EXPORT = "audit.export";
    public static final String AUDIT_VERIFY = "audit.verify";
    /** A connection test of a camera URL before it is saved (it reaches out to the camera). */
    public static final String CAMERA_TEST = "camera.test";
    public static final String CAMERA_STORAGE_POLICY = "camera.storage_policy";
    public static final String STORAGE_POLICY_CREATE = "storage.policy_create";
    public static final String STORAGE_POLICY_UPDATE = "storage.policy_update";
    public static final String STORAGE_POLICY_DELETE = "storage.policy_delete";
    public static final String STORAGE_DEFAULT_POLICY = "storage.default_policy";
    public static final String STORAGE_MOVER_RUN = "storage.mover_run";
    public static final String RECORDING_RESTORE = "recording.restore";
    public static final String RECORDING_PROMOTE = "recording.promote";
    public static final String INTEGRITY_VERIFY = "integrity.verify";
    public static final String EVIDENCE_EXPORT = "evidence.export";
    public static final String KEYS_ROTATE_MASTER = "keys.rotate_master";
    public static final String KEYS_ROTATE_DATA = "keys.rotate_data";
    /** A WS-Discovery probe (it reaches out to the network). */
    public static final String ONVIF_DISCOVER = "onvif.discover";
    public static final String ONVIF_DEVICE_ADD = "onvif.device_add";
    public static final String ONVIF_DEVICE_BULK_ADD = "onvif.device_bulk_add";
    public static final String ONVIF_DEVICE_DELETE = "onvif.device_delete";
    public static final String PTZ_MOVE = "ptz.move";
    public static final String PTZ_STOP = "ptz.stop";
    public static final String PTZ_HOME = "ptz.home";
    public static final String PTZ_PRESET_GOTO = "ptz.preset_goto";
    public static final String PTZ_PRESET_SET = "ptz.preset_set";
    public static final String PTZ_PRESET_REMOVE = "ptz.preset_remove";
    public static final String CAMERA_ANALYTICS = "camera.analytics";
    /** An event's thumbnail: a picture of the camera's view. */
    public static final String EVENT_THUMBNAIL = "event.thumbnail";
    public static final String WEBHOOK_CREATE = "webhook.create";
    public static final String WEBHOOK_DELETE = "webhook.delete";

    private AuditActions() {
    }
}
