package io.argus.analytics.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression per class: the best box of each cluster of overlapping same-class boxes stays. */
final class Nms {
    private Nms() {
    }

    static List<Candidate> apply(List<Candidate> candidates, double maxIou, int maxKept) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            if (kept.size() == maxKept) {
                break;
            }
            boolean suppressed = false;
            for (Candidate k : kept) {
                if (k.classIndex() == c.classIndex() && k.iou(c) > maxIou) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        return kept;
    }
}
