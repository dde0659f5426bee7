package io.argus.server.camera;

import java.util.Map;

/** A camera change that cannot be made; {@link #reason()} tells the API which status to answer with. */
public final class CameraException extends RuntimeException {
    /** Why the change was refused. */
    public enum Reason { INVALID, NOT_FOUND, DUPLICATE_NAME }

    private final Reason reason;
    private final Map<String, String> fields;

    CameraException(Reason reason, String message, Map<String, String> fields) {
        super(message);
        this.reason = reason;
        this.fields = Map.copyOf(fields);
    }

    static CameraException notFound(Object id) {
        return new CameraException(Reason.NOT_FOUND, "no camera with id " + id, Map.of());
    }

    static CameraException duplicateName(String name) {
        return new CameraException(Reason.DUPLICATE_NAME, "a camera named '" + name + "' already exists",
                Map.of("name", "already in use"));
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#INVALID}: field name to what is wrong with it. */
    public Map<String, String> fields() {
        return fields;
    }
}
