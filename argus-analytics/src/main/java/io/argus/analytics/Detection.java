package io.argus.analytics;

import io.argus.analytics.geom.Box;

/** An object a detector found in a picture: its class (a COCO name such as {@code person}), confidence and box. */
public record Detection(String label, double confidence, Box box) {
    public Detection {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence lies in 0..1, got " + confidence);
        }
    }
}
