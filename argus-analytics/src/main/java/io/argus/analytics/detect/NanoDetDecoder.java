package io.argus.analytics.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NanoDet's GFL head as models/convert_nanodet.py emits it: per stride s, {@code cls_s} [batch, cells, classes]
 * (sigmoid applied) and {@code reg_s} [batch, cells, 4 * bins] (left, top, right, bottom distributions). A side's
 * distance is the softmax-expected bin times the stride, measured from the cell centre (models/README.md says how
 * the centre was established). One candidate per cell: its best class.
 */
final class NanoDetDecoder implements OutputDecoder {
    static final int[] STRIDES = {8, 16, 32};
    private final int inputWidth;

    NanoDetDecoder(ModelSignature signature) {
        this.inputWidth = signature.inputWidth();
    }

    static boolean matches(ModelSignature sig) {
        for (int s : STRIDES) {
            if (!sig.outputs().containsKey("cls_" + s) || !sig.outputs().containsKey("reg_" + s)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Candidate> decode(Map<String, Tensor> outputs, int item, float minScore) {
        List<Candidate> out = new ArrayList<>();
        for (int stride : STRIDES) {
            Tensor cls = outputs.get("cls_" + stride);
            Tensor reg = outputs.get("reg_" + stride);
            int cells = cls.dim(1);
            int classes = cls.dim(2);
            int bins = reg.dim(2) / 4;
            int cols = inputWidth / stride;
            int clsBase = item * cls.itemSize();
            int regBase = item * reg.itemSize();
            for (int cell = 0; cell < cells; cell++) {
                int best = 0;
                float score = -1;
                for (int k = 0; k < classes; k++) {
                    float v = cls.data()[clsBase + cell * classes + k];
                    if (v > score) {
                        score = v;
                        best = k;
                    }
                }
                if (score < minScore) {
                    continue;
                }
                double cx = (cell % cols + 0.5) * stride;
                double cy = (cell / cols + 0.5) * stride;
                int r = regBase + cell * bins * 4;
                out.add(new Candidate(best, score,
                        cx - expected(reg.data(), r, bins) * stride,
                        cy - expected(reg.data(), r + bins, bins) * stride,
                        cx + expected(reg.data(), r + 2 * bins, bins) * stride,
                        cy + expected(reg.data(), r + 3 * bins, bins) * stride));
            }
        }
        return out;
    }

    /** The expected bin index under the softmax of {@code bins} logits at {@code from}. */
    private static double expected(float[] logits, int from, int bins) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < bins; i++) {
            double e = Math.exp(logits[from + i] - max);
            sum += e;
            weighted += e * i;
        }
        return weighted / sum;
    }
}
