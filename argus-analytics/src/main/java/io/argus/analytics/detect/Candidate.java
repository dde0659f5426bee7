package io.argus.analytics.detect;

/** A decoded box before NMS, in model-input pixels (corners). */
record Candidate(int classIndex, float score, double x1, double y1, double x2, double y2) {
    double area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    double iou(Candidate o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }
}
