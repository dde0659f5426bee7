package io.argus.analytics.detect;

import java.util.List;
import java.util.Map;

/** Turns a model's raw outputs for one batch item into candidate boxes (before NMS). */
interface OutputDecoder {
    /**
     * @param outputs every output of one inference, by name
     * @param item the batch item
     * @param minScore candidates below it are dropped
     */
    List<Candidate> decode(Map<String, Tensor> outputs, int item, float minScore);
}
