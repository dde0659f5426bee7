package io.argus.analytics.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A detector made of a model: frames are letterboxed into its input, run on an {@link InferenceEngine}, and its
 * outputs decoded ({@link ModelFormat}), suppressed (NMS) and mapped back to frame-relative boxes. When the model's
 * batch dimension is free, a call's frames go through in one inference; when it is fixed at 1 they run one after
 * the other on the same engine.
 */
public final class TensorDetector implements DetectorBackend {
    private final InferenceEngine engine;
    private final List<String> labels;
    private final ModelFormat format;
    private final Normalization normalization;
    private final Options options;
    private final OutputDecoder decoder;

    /**
     * @param minScore detections scoring lower are dropped (rules may ask for more)
     * @param nmsIou same-class boxes overlapping more than this are one object
     * @param maxDetections per frame, the best kept
     */
    public record Options(float minScore, double nmsIou, int maxDetections) {
        /** Low enough that rules can choose their own thresholds above it; NanoDet's false people score below. */
        public static final Options DEFAULTS = new Options(0.35f, 0.5, 100);

        public Options {
            if (!(minScore >= 0 && minScore <= 1) || !(nmsIou > 0 && nmsIou <= 1) || maxDetections < 1) {
                throw new IllegalArgumentException("minScore 0..1, nmsIou (0,1], maxDetections >= 1");
            }
        }
    }

    /**
     * @param format null to recognise it from the output shapes
     * @param normalization null for the format's usual one
     */
    public TensorDetector(InferenceEngine engine, List<String> labels, ModelFormat format,
            Normalization normalization, Options options) throws DetectorException {
        this.engine = engine;
        this.labels = List.copyOf(labels);
        ModelSignature sig = engine.signature();
        if (sig.inputWidth() <= 0 || sig.inputHeight() <= 0) {
            throw new DetectorException("the model's input needs a fixed height and width: " + sig);
        }
        this.format = format != null ? format : ModelFormat.detect(sig, labels.size());
        this.normalization = normalization != null ? normalization : this.format.defaultNormalization();
        this.options = options;
        this.decoder = this.format.decoder(sig, labels.size());
    }

    /** The shipped NanoDet (COCO, 80 classes) on ONNX Runtime in-process. */
    public static TensorDetector nanoDet(int threads, Options options) throws DetectorException {
        return new TensorDetector(new OnnxRuntimeEngine("nanodet", nanoDetModel(), threads), cocoLabels(),
                ModelFormat.NANODET, null, options);
    }

    /** A user's model: an ONNX file and a label file (one class name a line, in class-index order). */
    public static TensorDetector load(Path model, Path labelFile, ModelFormat format, Normalization normalization,
            int threads, Options options) throws DetectorException {
        try {
            return new TensorDetector(new OnnxRuntimeEngine(model.getFileName().toString(), Files.readAllBytes(model),
                    threads), readLabels(Files.readString(labelFile)), format, normalization, options);
        } catch (IOException e) {
            throw new DetectorException("cannot read " + e.getMessage(), e);
        }
    }

    /** The shipped NanoDet model's bytes (also what a remote inference server is loaded with). */
    public static byte[] nanoDetModel() {
        return resource("nanodet.onnx");
    }

    /** COCO's 80 class names in NanoDet's order. */
    public static List<String> cocoLabels() {
        return readLabels(new String(resource("coco.labels"), StandardCharsets.UTF_8));
    }

    static List<String> readLabels(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = TensorDetector.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's input and outputs; a free batch dimension means one inference per call. */
    public ModelSignature signature() {
        return engine.signature();
    }

    public ModelFormat format() {
        return format;
    }

    public List<String> labels() {
        return labels;
    }

    @Override
    public List<List<Detection>> detect(List<Frame> frames) throws DetectorException {
        List<List<Detection>> out = new ArrayList<>(frames.size());
        int batch = engine.signature().batchable() ? Math.max(1, frames.size()) : 1;
        for (int from = 0; from < frames.size(); from += batch) {
            out.addAll(run(frames.subList(from, Math.min(frames.size(), from + batch))));
        }
        return out;
    }

    private List<List<Detection>> run(List<Frame> frames) throws DetectorException {
        ModelSignature sig = engine.signature();
        int item = 3 * sig.inputWidth() * sig.inputHeight();
        float[] input = new float[item * frames.size()];
        List<Letterbox> boxes = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            Letterbox lb = new Letterbox(f.width(), f.height(), sig.inputWidth(), sig.inputHeight());
            lb.fill(f, normalization, sig, input, i * item);
            boxes.add(lb);
        }
        long[] shape = sig.inputShape().clone();
        shape[0] = frames.size();
        if (sig.channelsFirst()) {
            shape[2] = sig.inputHeight();
            shape[3] = sig.inputWidth();
        } else {
            shape[1] = sig.inputHeight();
            shape[2] = sig.inputWidth();
        }
        Map<String, Tensor> outputs = engine.infer(new Tensor(sig.inputName(), shape, input));
        List<List<Detection>> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            List<Candidate> kept = Nms.apply(decoder.decode(outputs, i, options.minScore()), options.nmsIou(),
                    options.maxDetections());
            List<Detection> detections = new ArrayList<>(kept.size());
            for (Candidate c : kept) {
                var box = boxes.get(i).toFrame(c.x1(), c.y1(), c.x2(), c.y2());
                if (box != null) {
                    detections.add(new Detection(labels.get(c.classIndex()), c.score(), box));
                }
            }
            out.add(detections);
        }
        return out;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public void close() {
        engine.close();
    }
}
