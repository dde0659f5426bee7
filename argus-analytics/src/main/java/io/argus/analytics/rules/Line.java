package io.argus.analytics.rules;

import io.argus.analytics.geom.Point;
import java.util.Objects;

/**
 * A named tripwire from {@code a} to {@code b} (frame-relative). Its sides are named as seen standing on {@code a}
 * facing {@code b} in the picture: with a left-to-right line across the screen, "right" is below it.
 */
public record Line(String name, Point a, Point b) {
    public Line {
        Objects.requireNonNull(name, "name");
        if (a.equals(b)) {
            throw new IllegalArgumentException("line " + name + " needs two distinct points");
        }
    }

    /** Positive on the right of a→b, negative on the left, 0 on the line (image coordinates, y down). */
    double side(double x, double y) {
        return (b.x() - a.x()) * (y - a.y()) - (b.y() - a.y()) * (x - a.x());
    }

    /**
     * The direction in which the move from {@code (x0,y0)} to {@code (x1,y1)} crosses this segment, or null if it
     * does not. Touching the line and coming back is not a crossing: the move must end strictly on the other side.
     */
    Direction crossing(double x0, double y0, double x1, double y1) {
        double s0 = side(x0, y0);
        double s1 = side(x1, y1);
        if (s0 == s1 || s0 * s1 > 0 || s1 == 0) {
            return null;
        }
        // The move's line must separate the segment's ends too, or it passed beside the segment.
        double t0 = (x1 - x0) * (a.y() - y0) - (y1 - y0) * (a.x() - x0);
        double t1 = (x1 - x0) * (b.y() - y0) - (y1 - y0) * (b.x() - x0);
        if (t0 * t1 > 0) {
            return null;
        }
        return s1 > 0 ? Direction.LEFT_TO_RIGHT : Direction.RIGHT_TO_LEFT;
    }
}
