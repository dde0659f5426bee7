package io.argus.media.path;

import java.util.Locale;

/** The state of a path as operators see it. */
public enum PathState {
    /** An attempt is connecting or negotiating. */
    CONNECTING,
    /** Media is flowing. */
    LIVE,
    /** The last attempt failed; the next one is scheduled (backoff). */
    RETRYING,
    /** Given up until its configuration changes (e.g. the source URL is unusable). */
    FAILED,
    /** Switched off by configuration. */
    DISABLED,
    /** Waiting for a publisher (RTSP ANNOUNCE/RECORD) to push media. */
    WAITING,
    /** Pulled by another node of the cluster (the owner of the camera's shard): this node does not connect. */
    REMOTE;

    /** The lower-case name used in the API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
