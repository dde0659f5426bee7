package io.argus.analytics.detect;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's single image input and its outputs, as ONNX Runtime or an inference server's metadata describe them.
 * Free dimensions are -1.
 *
 * @param outputs output name to shape, in the model's order
 */
public record ModelSignature(String inputName, long[] inputShape, Map<String, long[]> outputs) {
    public ModelSignature {
        if (inputShape.length != 4 || !(inputShape[1] == 3 || inputShape[3] == 3)) {
            throw new IllegalArgumentException("an image model takes one [batch,3,h,w] or [batch,h,w,3] input, got "
                    + inputName + Arrays.toString(inputShape));
        }
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** Channels first ([batch,3,h,w]) or last ([batch,h,w,3]). */
    public boolean channelsFirst() {
        return inputShape[1] == 3;
    }

    public int inputWidth() {
        return (int) (channelsFirst() ? inputShape[3] : inputShape[2]);
    }

    public int inputHeight() {
        return (int) (channelsFirst() ? inputShape[2] : inputShape[1]);
    }

    /** Whether one inference may carry several frames (the batch dimension is free). */
    public boolean batchable() {
        return inputShape[0] < 0;
    }

    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(inputName).append(Arrays.toString(inputShape)).append(" ->");
        outputs.forEach((n, shape) -> s.append(' ').append(n).append(Arrays.toString(shape)));
        return s.toString();
    }
}
