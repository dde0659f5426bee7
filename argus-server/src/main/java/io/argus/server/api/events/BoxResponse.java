package io.argus.server.api.events;

/** Where in the frame, frame-relative (0..1 across and down from the top left). */
public record BoxResponse(double x, double y, double w, double h) {
}
