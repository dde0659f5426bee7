package io.argus.server.api;

/** Health and readiness answers: {@code {"status": "ok"}}. */
public record StatusResponse(String status) {
}
