package io.argus.server.api;

/** Every error the API can answer with: a stable code for programs and the HTTP status. */
public enum ErrorCode {
    INVALID_JSON(400, "invalid_json"),
    VALIDATION_FAILED(400, "validation_failed"),
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    /** Authenticated, but not for this: a signed media URL made for another camera. */
    FORBIDDEN(403, "forbidden"),
    /** A signed media URL past its expiry. */
    URL_EXPIRED(403, "url_expired"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    /** Recordings in an archive storage class that must be restored first ({@code POST …/restore}). */
    RESTORE_NEEDED(409, "restore_needed"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    /** A byte range that starts past the end of a recording (with {@code Content-Range: bytes *}{@code /size}). */
    RANGE_NOT_SATISFIABLE(416, "range_not_satisfiable"),
    /** Too many failed logins: the user or the address is locked for a while ({@code Retry-After} says how long). */
    TOO_MANY_REQUESTS(429, "too_many_requests"),
    INTERNAL(500, "internal_error"),
    /** The camera's video could not be decoded (a snapshot): the camera sent something FFmpeg cannot read. */
    DECODE_FAILED(502, "decode_failed"),
    /** Not started or stopping, or the metadata database is being opened again (with {@code Retry-After}). */
    NOT_READY(503, "not_ready"),
    /** The camera has no live stream now (disabled, connecting, retrying), so there is no picture to take. */
    NOT_LIVE(503, "not_live"),
    /**
     * A rendition ({@code ?rendition=}) needs a new live transcode and the node already runs its maximum
     * ({@code transcode.maxJobs}); the camera's own stream and running transcodes are unaffected.
     */
    TRANSCODE_FULL(503, "transcode_full"),
    /**
     * Cluster mode: no node is known to own the camera now (its node just stopped and the group has not moved it
     * yet), so its live view cannot be relayed; a retry a few seconds later finds the new owner.
     */
    NO_OWNER(503, "no_owner"),
    /**
     * Cluster mode: a recording asked for is still on the local disk of the node that wrote it and this node cannot
     * read it (docs/cluster.md, "Serving any camera from any node"); that node serves it, and every node does once the
     * chunk is on object storage.
     */
    CHUNK_ELSEWHERE(503, "chunk_elsewhere"),
    /** An ONVIF device could not be reached, answered with a fault, or with something that is not SOAP. */
    DEVICE_ERROR(502, "device_error"),
    /** An ONVIF device refused the credentials it was given (or stored with it). */
    DEVICE_UNAUTHORIZED(502, "device_unauthorized"),
    /** An ONVIF device did not answer in time. */
    DEVICE_TIMEOUT(504, "device_timeout"),
    /** The metadata database's disk is full: changes are refused until space is freed; reading still works. */
    INSUFFICIENT_STORAGE(507, "insufficient_storage");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The code for an HTTP status raised by the web framework itself (e.g. no such route). */
    static ErrorCode forStatus(int status) {
        for (ErrorCode c : values()) {
            if (c.status == status && c != INVALID_JSON && c != VALIDATION_FAILED && c != INVALID_CREDENTIALS
                    && c != URL_EXPIRED && c != DECODE_FAILED && c != NOT_LIVE && c != RESTORE_NEEDED
                    && c != TRANSCODE_FULL && c != DEVICE_ERROR
                    && c != DEVICE_UNAUTHORIZED && c != DEVICE_TIMEOUT) {
                return c;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
