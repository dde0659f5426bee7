package io.argus.server.api.cameras;

import java.util.List;

/**
 * The answer of a connection test: whether media flowed, in words for the operator, the tracks found
 * (e.g. {@code H264 High 1920x1080}) and how long it took.
 */
public record CameraTestResponse(boolean ok, String message, List<String> tracks, long elapsedMs) {
}
