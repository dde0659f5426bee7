package io.argus.analytics.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ultralytics-style YOLO exports, one output, boxes as centre x, centre y, width, height in model-input pixels:
 * <ul>
 * <li>YOLOv5 (and v7): [batch, boxes, 5 + classes], an objectness then per-class scores; score = objectness × class.
 * <li>YOLOv8 and YOLO11: [batch, 4 + classes, boxes] (transposed, no objectness), or [batch, boxes, 4 + classes]
 * where an export transposed it back.
 * </ul>
 * Scores are taken as probabilities (the exports apply the sigmoid). One candidate per box: its best class.
 */
final class YoloDecoder implements OutputDecoder {
    private final String output;
    private final int classes;
    private final boolean objectness;
    private final boolean transposed;

    private YoloDecoder(String output, int classes, boolean objectness, boolean transposed) {
        this.output = output;
        this.classes = classes;
        this.objectness = objectness;
        this.transposed = transposed;
    }

    /** The decoder for this signature, or null if it is not a YOLO layout for {@code classes} classes. */
    static YoloDecoder forSignature(ModelSignature sig, int classes) {
        if (sig.outputs().size() != 1) {
            return null;
        }
        Map.Entry<String, long[]> out = sig.outputs().entrySet().iterator().next();
        long[] shape = out.getValue();
        if (shape.length != 3) {
            return null;
        }
        if (shape[2] == 5 + classes) {
            return new YoloDecoder(out.getKey(), classes, true, false);
        }
        if (shape[1] == 4 + classes) {
            return new YoloDecoder(out.getKey(), classes, false, true);
        }
        if (shape[2] == 4 + classes) {
            return new YoloDecoder(out.getKey(), classes, false, false);
        }
        return null;
    }

    @Override
    public List<Candidate> decode(Map<String, Tensor> outputs, int item, float minScore) {
        Tensor t = outputs.get(output);
        float[] d = t.data();
        int base = item * t.itemSize();
        int attrs = (objectness ? 5 : 4) + classes;
        int boxes = transposed ? t.dim(2) : t.dim(1);
        List<Candidate> out = new ArrayList<>();
        for (int b = 0; b < boxes; b++) {
            float obj = objectness ? value(d, base, boxes, attrs, b, 4) : 1;
            if (obj < minScore) {
                continue;
            }
            int first = objectness ? 5 : 4;
            int best = 0;
            float score = -1;
            for (int k = 0; k < classes; k++) {
                float v = obj * value(d, base, boxes, attrs, b, first + k);
                if (v > score) {
                    score = v;
                    best = k;
                }
            }
            if (score < minScore) {
                continue;
            }
            double cx = value(d, base, boxes, attrs, b, 0);
            double cy = value(d, base, boxes, attrs, b, 1);
            double w = value(d, base, boxes, attrs, b, 2);
            double h = value(d, base, boxes, attrs, b, 3);
            out.add(new Candidate(best, score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
        }
        return out;
    }

    private float value(float[] d, int base, int boxes, int attrs, int box, int attr) {
        return transposed ? d[base + attr * boxes + box] : d[base + box * attrs + attr];
    }
}
