package io.argus.analytics.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model run in-process by ONNX Runtime on the CPU. One session serves every caller (ONNX Runtime sessions are
 * thread-safe); its intra-op threads parallelise each inference.
 */
public final class OnnxRuntimeEngine implements InferenceEngine {
    private final String name;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final ModelSignature signature;

    /**
     * @param name for logs
     * @param model the ONNX file's bytes
     * @param threads intra-op threads per inference (the cores analytics may use)
     */
    public OnnxRuntimeEngine(String name, byte[] model, int threads) throws DetectorException {
        this.name = name;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            // A VMS node shares its cores with ingest and recording: idle intra-op threads that spin burn them.
            // Measured on the shared 2-core build machine, 2 threads: 94 ms of CPU per NanoDet frame spinning, 61 not.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(model, options);
            this.signature = readSignature(session);
        } catch (OrtException | IllegalArgumentException e) {
            throw new DetectorException("cannot load model " + name + ": " + e.getMessage(), e);
        }
    }

    private static ModelSignature readSignature(OrtSession session) throws OrtException {
        if (session.getInputInfo().size() != 1) {
            throw new IllegalArgumentException("an image model has one input, got " + session.getInputNames());
        }
        NodeInfo input = session.getInputInfo().values().iterator().next();
        Map<String, long[]> outputs = new LinkedHashMap<>();
        for (NodeInfo out : session.getOutputInfo().values()) {
            outputs.put(out.getName(), ((TensorInfo) out.getInfo()).getShape());
        }
        return new ModelSignature(input.getName(), ((TensorInfo) input.getInfo()).getShape(), outputs);
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public Map<String, Tensor> infer(Tensor input) throws DetectorException {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.data()), input.shape());
                OrtSession.Result result = session.run(Map.of(signature.inputName(), in))) {
            Map<String, Tensor> outputs = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                FloatBuffer buffer = t.getFloatBuffer();
                float[] data = new float[buffer.remaining()];
                buffer.get(data);
                outputs.put(e.getKey(), new Tensor(e.getKey(), t.getInfo().getShape(), data));
            }
            return outputs;
        } catch (OrtException e) {
            throw new DetectorException(name + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "onnx:" + name;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
