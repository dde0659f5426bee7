package io.argus.server.api.analytics;

import java.util.List;

/**
 * A zone or mask: a polygon of at least 3 points, each {@code [x, y]} frame-relative (0..1 from the top left).
 *
 * @param mask true for a mask (never looked at), false or absent for a zone
 */
public record ZoneBody(String name, List<List<Double>> points, Boolean mask) {
}
