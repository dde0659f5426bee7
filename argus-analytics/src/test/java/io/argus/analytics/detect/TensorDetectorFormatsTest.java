package io.argus.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.argus.analytics.geom.Box;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output decoding, golden-tested on tiny graphs whose outputs are fixed values (tiny/make_tiny_models.py built them
 * and says which box is which): a 128x64 frame letterboxes into their 64x64 input at scale 0.5 with 16 pixels of
 * padding above and below.
 */
class TensorDetectorFormatsTest {
    private static final List<Detection> EXPECTED = List.of(
            new Detection("person", 0.855f, new Box(0.1875, 0.5, 0.125, 0.5)),
            new Detection("car", 0.72f, new Box(0.375, 0.25, 0.25, 0.5)));

    @ParameterizedTest
    @CsvSource({"yolov5_tiny.onnx, YOLO, false", "yolov8_tiny.onnx, YOLO, true", "ssd_tiny.onnx, SSD, true"})
    void decodesEachLayoutToTheSameDetections(String model, ModelFormat format, boolean batchable) throws Exception {
        try (TensorDetector detector = TensorDetector.load(tiny(model), tiny("tiny.labels"), null, null, 1,
                TensorDetector.Options.DEFAULTS)) {
            assertThat(detector.format()).isEqualTo(format);
            assertThat(detector.signature().batchable()).isEqualTo(batchable);
            Frame a = new Frame("a", Instant.EPOCH, 128, 64, new byte[128 * 64 * 3]);
            Frame b = new Frame("b", Instant.EPOCH, 128, 64, new byte[128 * 64 * 3]);
            // A fixed batch of 1 runs the two frames one after the other; a free one in one inference.
            List<List<Detection>> result = detector.detect(List.of(a, b));
            assertThat(result).hasSize(2);
            for (List<Detection> frame : result) {
                assertGolden(frame);
            }
            assertThat(detector.name()).isEqualTo("onnx:" + model);
        }
    }

    @Test
    void aFormatThatDoesNotFitTheOutputsIsRefused() throws Exception {
        assertThatThrownBy(() -> TensorDetector.load(tiny("ssd_tiny.onnx"), tiny("tiny.labels"), ModelFormat.YOLO,
                null, 1, TensorDetector.Options.DEFAULTS)).isInstanceOf(DetectorException.class)
                .hasMessageContaining("not YOLO");
    }

    @Test
    void aLabelFileOfTheWrongLengthIsNotRecognised() throws Exception {
        Path twoLabels = Path.of(TensorDetectorFormatsTest.class.getResource("tiny/tiny.labels").toURI())
                .resolveSibling("../vtest/people.txt");
        assertThatThrownBy(() -> TensorDetector.load(tiny("yolov8_tiny.onnx"), twoLabels, null, null, 1,
                TensorDetector.Options.DEFAULTS)).isInstanceOf(DetectorException.class)
                .hasMessageContaining("unrecognised detector outputs for 5 labels");
    }

    static void assertGolden(List<Detection> actual) {
        assertThat(actual).hasSize(EXPECTED.size());
        for (int i = 0; i < EXPECTED.size(); i++) {
            Detection e = EXPECTED.get(i);
            Detection d = actual.get(i);
            assertThat(d.label()).isEqualTo(e.label());
            assertThat(d.confidence()).isCloseTo(e.confidence(), within(1e-5f));
            assertThat(d.box().x()).isCloseTo(e.box().x(), within(1e-6));
            assertThat(d.box().y()).isCloseTo(e.box().y(), within(1e-6));
            assertThat(d.box().w()).isCloseTo(e.box().w(), within(1e-6));
            assertThat(d.box().h()).isCloseTo(e.box().h(), within(1e-6));
        }
    }

    static Path tiny(String name) throws URISyntaxException {
        return Path.of(TensorDetectorFormatsTest.class.getResource("tiny/" + name).toURI());
    }
}
