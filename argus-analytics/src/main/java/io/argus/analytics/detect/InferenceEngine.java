package io.argus.analytics.detect;

import java.util.Map;

/** Runs a model on a prepared input tensor: ONNX Runtime in-process, or a remote inference server. Thread-safe. */
public interface InferenceEngine extends AutoCloseable {
    ModelSignature signature();

    /**
     * Runs the model once.
     *
     * @param input shaped like {@link ModelSignature#inputShape()}, with the batch dimension filled in
     * @return every output by name
     */
    Map<String, Tensor> infer(Tensor input) throws DetectorException;

    /** For logs: where the model runs. */
    String name();

    @Override
    void close();
}
