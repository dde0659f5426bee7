/**
 * Object detection on sampled frames: a {@link io.argus.analytics.detect.DetectorBackend} turns frames into
 * {@link io.argus.analytics.detect.Detection}s. {@link io.argus.analytics.detect.TensorDetector} letterboxes frames
 * into a model's input, runs it on an {@link io.argus.analytics.detect.InferenceEngine} (ONNX Runtime in-process, or
 * a remote Open Inference Protocol server) and decodes NanoDet, YOLO or SSD outputs;
 * {@link io.argus.analytics.detect.DetectionBatcher} batches frames across cameras.
 *
 * <p>Layer: analytics. May import the JDK, io.argus.analytics.geom, ONNX Runtime (ai.onnxruntime), Jackson and SLF4J.
 */
package io.argus.analytics.detect;
