package io.argus.server.api.recording;

/**
 * The answer to an event.
 *
 * @param recordingUntil in events mode, the end of the post-buffer it opened (ISO-8601); null in other modes
 */
public record EventResponse(String camera, String at, String mode, String recordingUntil) {
}
