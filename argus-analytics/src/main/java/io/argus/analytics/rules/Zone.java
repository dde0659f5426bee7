package io.argus.analytics.rules;

import io.argus.analytics.geom.Polygon;
import java.util.Objects;

/** A named area of a camera's picture, drawn on a snapshot (frame-relative). */
public record Zone(String name, Polygon area) {
    public Zone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(area, "area");
    }
}
