package io.argus.analytics.detect;

import io.argus.analytics.geom.Box;
import java.util.Objects;

/**
 * One object found in one frame.
 *
 * @param label the class name from the model's label file (COCO's "person", "car"...)
 * @param confidence the model's score, 0..1
 * @param box where it is, frame-relative (0..1), clipped to the frame
 */
public record Detection(String label, float confidence, Box box) {
    public Detection {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
    }
}
