package io.argus.analytics.geom;

import java.util.List;

/**
 * A simple polygon in frame-relative coordinates: a zone or a mask drawn on a snapshot. Vertices are given in order
 * (either direction); the last joins the first.
 */
public record Polygon(List<Point> points) {
    public Polygon {
        points = List.copyOf(points);
        if (points.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, got " + points.size());
        }
        for (Point p : points) {
            if (p.x() < 0 || p.x() > 1 || p.y() < 0 || p.y() > 1) {
                throw new IllegalArgumentException("polygon points lie in 0..1 (frame-relative), got " + p);
            }
        }
    }

    /** Whether the point lies inside (even-odd rule; a point on an edge may go either way). */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            Point a = points.get(i);
            Point b = points.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The enclosed area (shoelace formula), as a share of the frame. */
    public double area() {
        double twice = 0;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            twice += points.get(j).x() * points.get(i).y() - points.get(i).x() * points.get(j).y();
        }
        return Math.abs(twice) / 2;
    }
}
