package io.argus.server.api.node;

/** Health and readiness answers: {@code {"status": "ok"}}. */
public record StatusResponse(String status) {
}
