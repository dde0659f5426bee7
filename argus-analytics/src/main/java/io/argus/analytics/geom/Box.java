package io.argus.analytics.geom;

/**
 * An axis-aligned box in frame-relative coordinates: {@code x, y} its top-left corner, {@code w, h} its size.
 */
public record Box(double x, double y, double w, double h) {
    public Box {
        if (!(w >= 0 && h >= 0)) {
            throw new IllegalArgumentException("a box has no negative size: " + w + "x" + h);
        }
    }

    public double area() {
        return w * h;
    }

    public double centerX() {
        return x + w / 2;
    }

    public double centerY() {
        return y + h / 2;
    }

    /** Intersection over union: 0 for disjoint boxes, 1 for equal ones. */
    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
