package io.argus.analytics.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SSD-style exports with decoded boxes (the pytorch-ssd / MobileNet-SSD family): two outputs, boxes
 * [batch, boxes, 4] as corners x1, y1, x2, y2 relative to the model input (0..1), and scores [batch, boxes, k]
 * (softmax applied) where k is the number of labels, or one more when column 0 is the background (then skipped).
 * One candidate per box: its best class.
 */
final class SsdDecoder implements OutputDecoder {
    private final String boxesOutput;
    private final String scoresOutput;
    private final int classes;
    private final boolean background;
    private final int inputWidth;
    private final int inputHeight;

    private SsdDecoder(ModelSignature sig, String boxes, String scores, int classes, boolean background) {
        this.boxesOutput = boxes;
        this.scoresOutput = scores;
        this.classes = classes;
        this.background = background;
        this.inputWidth = sig.inputWidth();
        this.inputHeight = sig.inputHeight();
    }

    /** The decoder for this signature, or null if it is not an SSD layout for {@code classes} classes. */
    static SsdDecoder forSignature(ModelSignature sig, int classes) {
        if (sig.outputs().size() != 2) {
            return null;
        }
        String boxes = null;
        String scores = null;
        long scoreColumns = 0;
        for (Map.Entry<String, long[]> e : sig.outputs().entrySet()) {
            long[] s = e.getValue();
            if (s.length != 3) {
                return null;
            }
            if (s[2] == 4 && boxes == null) {
                boxes = e.getKey();
            } else if (s[2] == classes || s[2] == classes + 1) {
                scores = e.getKey();
                scoreColumns = s[2];
            }
        }
        if (boxes == null || scores == null) {
            return null;
        }
        return new SsdDecoder(sig, boxes, scores, classes, scoreColumns == classes + 1);
    }

    @Override
    public List<Candidate> decode(Map<String, Tensor> outputs, int item, float minScore) {
        Tensor boxes = outputs.get(boxesOutput);
        Tensor scores = outputs.get(scoresOutput);
        int columns = scores.dim(2);
        int first = background ? 1 : 0;
        int n = boxes.dim(1);
        int bBase = item * boxes.itemSize();
        int sBase = item * scores.itemSize();
        List<Candidate> out = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            int best = 0;
            float score = -1;
            for (int k = 0; k < classes; k++) {
                float v = scores.data()[sBase + b * columns + first + k];
                if (v > score) {
                    score = v;
                    best = k;
                }
            }
            if (score < minScore) {
                continue;
            }
            float[] d = boxes.data();
            int i = bBase + b * 4;
            out.add(new Candidate(best, score, d[i] * inputWidth, d[i + 1] * inputHeight, d[i + 2] * inputWidth,
                    d[i + 3] * inputHeight));
        }
        return out;
    }
}
