package io.argus.server.camera;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects every invalid field of a request, so one answer lists them all. */
final class FieldErrors {
    private final Map<String, String> errors = new LinkedHashMap<>();

    void add(String field, String problem) {
        errors.putIfAbsent(field, problem);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            String message = errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
            throw new CameraException(CameraException.Reason.INVALID, message, errors);
        }
    }
}
