package io.argus.analytics;

import io.argus.analytics.geom.Polygon;
import io.argus.storage.event.Event;
import java.util.Objects;

/**
 * A named polygon of a camera's view: a zone motion and rules look in, or a mask nothing looks in.
 *
 * @param name unique per camera, up to {@link Event.MAX_NAME_LENGTH} characters
 */
public record Zone(String name, Polygon polygon, boolean mask) {
    public Zone {
        Objects.requireNonNull(polygon, "polygon");
        if (name == null || name.isBlank() || name.length() > Event.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a zone has a name of 1 to "
                    + Event.MAX_NAME_LENGTH + " characters");
        }
    }
}
