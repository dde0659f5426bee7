package io.argus.analytics.detect;

import java.util.Arrays;

/**
 * A named float tensor, row-major: what goes into and comes out of an {@link InferenceEngine}. Dimensions of a
 * signature may be -1 (free, e.g. the batch); a tensor's are all known.
 */
public record Tensor(String name, long[] shape, float[] data) {
    public Tensor {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + count
                    + " values, got " + data.length);
        }
    }

    /** The number of values of one batch item (everything after the first dimension). */
    public int itemSize() {
        return shape[0] == 0 ? 0 : (int) (data.length / shape[0]);
    }

    public int dim(int i) {
        return (int) shape[i];
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
