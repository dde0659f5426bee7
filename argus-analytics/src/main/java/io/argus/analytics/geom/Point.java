package io.argus.analytics.geom;

/** A point in frame-relative coordinates. */
public record Point(double x, double y) {
}
