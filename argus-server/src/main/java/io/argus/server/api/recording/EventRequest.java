package io.argus.server.api.recording;

/**
 * {@code POST /api/v1/cameras/{id}/events}: an event on a camera (for now triggered by a user or an integration).
 *
 * @param at   when it happened (ISO-8601); now if left out
 * @param note what it was, for the operator
 */
public record EventRequest(String at, String note) {
}
