package io.argus.storage.event;

/** Where in the frame an event was, in frame-relative coordinates (0..1 across and down). */
public record EventBox(double x, double y, double w, double h) {
    public EventBox {
        if (!(x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= 1.000001 && y + h <= 1.000001)) {
            throw new IllegalArgumentException("a box lies in the frame (0..1): " + x + "," + y + " " + w + "x" + h);
        }
    }
}
