package io.argus.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An answer as it came: status, raw body and content type; {@link #json()} reads the body. */
public record Answer(int status, String body, String contentType) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; a null node when it is empty. */
    public JsonNode json() {
        try {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    public boolean ok() {
        return status / 100 == 2;
    }
}
