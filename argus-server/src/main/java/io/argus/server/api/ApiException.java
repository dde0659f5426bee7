package io.argus.server.api;

import java.util.Map;

/** An API failure with its code and a message for people; turned into JSON by {@link ErrorMapper}. */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> fields;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
