package io.argus.server.api;

/** Every error the API can answer with: a stable code for programs and the HTTP status. */
public enum ErrorCode {
    INVALID_JSON(400, "invalid_json"),
    VALIDATION_FAILED(400, "validation_failed"),
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    INTERNAL(500, "internal_error"),
    NOT_READY(503, "not_ready");

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
            if (c.status == status && c != INVALID_JSON && c != VALIDATION_FAILED && c != INVALID_CREDENTIALS) {
                return c;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
