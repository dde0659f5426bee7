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

    /**
     * The decoder for this signature, or null if it is not an SSD layout for {@code classes} classes. When both
     * outputs end in 4 (three classes and a background), the one named like "boxes" holds the boxes.
     */
    static SsdDecoder forSignature(ModelSignature sig, int classes) {
        if (sig.outputs().size() != 2) {
            return null;
        }
        List<String> names = sig.outputNames();
        long[] first = sig.outputs().get(names.get(0));
        long[] second = sig.outputs().get(names.get(1));
        if (first.length != 3 || second.length != 3) {
            return null;
        }
        boolean firstIsBoxes = first[2] == 4 && (second[2] != 4 || names.get(0).toLowerCase().contains("box"));
        String boxes = names.get(firstIsBoxes ? 0 : 1);
        long[] scoreShape = firstIsBoxes ? second : first;
        long[] boxShape = firstIsBoxes ? first : second;
        if (boxShape[2] != 4 || !(scoreShape[2] == classes || scoreShape[2] == classes + 1)) {
            return null;
        }
        return new SsdDecoder(sig, boxes, names.get(firstIsBoxes ? 1 : 0), classes, scoreShape[2] == classes + 1);
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
