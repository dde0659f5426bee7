package io.argus.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped NanoDet ONNX: the bytes its checksum names, and outputs equal to the numpy evaluation of the TF graph. */
class NanoDetModelTest {
    private static final int SIZE = 416;

    @Test
    void shippedModelMatchesItsChecksum() throws Exception {
        byte[] model = resource("nanodet.onnx");
        String expected = new String(resource("nanodet.onnx.sha256"), StandardCharsets.US_ASCII).split("\\s+")[0];
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model))).isEqualTo(expected);
    }

    /** The reference is what convert_nanodet.py --reference prints: every 97th value of each output, from numpy. */
    @Test
    void onnxRuntimeAgreesWithTheNumpyEvaluationOfTheTfGraph() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<String> reference = new String(resource("nanodet-reference.txt"), StandardCharsets.US_ASCII).lines().toList();
        try (OrtSession session = env.createSession(resource("nanodet.onnx"), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(referenceImage()),
                        new long[] {1, 3, SIZE, SIZE});
                OrtSession.Result result = session.run(Map.of("input_1", input))) {
            assertThat(reference).hasSize(6);
            for (String line : reference) {
                String[] fields = line.split(" ");
                FloatBuffer actual = ((OnnxTensor) result.get(fields[0]).orElseThrow()).getFloatBuffer();
                assertThat(fields.length - 1).isEqualTo((actual.remaining() + 96) / 97);
                for (int i = 1; i < fields.length; i++) {
                    assertThat(actual.get((i - 1) * 97)).as("%s[%d]", fields[0], (i - 1) * 97)
                            .isCloseTo(Float.parseFloat(fields[i]), within(1e-4f));
                }
            }
        }
    }

    /** convert_nanodet.py's reference_image(): diagonal bands per channel, 0..1, NCHW. */
    private static float[] referenceImage() {
        float[] image = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    image[(c * SIZE + y) * SIZE + x] = ((x * 3 + y * 5 + c * 85) % 256) / 255.0f;
                }
            }
        }
        return image;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NanoDetModelTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
