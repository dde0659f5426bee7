package io.argus.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.analytics.FrameAnalyzer;
import io.argus.analytics.ObjectAnalyzer;
import io.argus.server.config.AnalyticsConfig;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which detector a node runs for its analytics.detector and analytics.inference.url. */
class DetectorsTest {
    private static AnalyticsConfig config(String detector, String inferenceUrl) {
        return new AnalyticsConfig(true, 2, 320, false, Duration.ofSeconds(2), 4, 8, detector, "", inferenceUrl,
                "nanodet", 90, 0);
    }

    @Test
    void noneAndAModelThatDoesNotLoadRunMotionAlone() {
        assertThat(Detectors.analyzer(config(Detectors.NONE, ""))).isSameAs(FrameAnalyzer.NONE);
        assertThat(Detectors.load(config("/nowhere/model.onnx", ""))).isSameAs(FrameAnalyzer.NONE);
    }

    @Test
    void nanoDetLoadsAndAnInferenceServerThatDoesNotAnswerLeavesItAlone() throws Exception {
        try (FrameAnalyzer a = Detectors.load(config(Detectors.NANODET, ""))) {
            assertThat(a).isInstanceOfSatisfying(ObjectAnalyzer.class,
                    o -> assertThat(o.name()).isEqualTo("onnx:nanodet"));
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FrameAnalyzer a = Detectors.load(config(Detectors.NANODET, "http://127.0.0.1:" + closedPort))) {
            assertThat(a).isInstanceOfSatisfying(ObjectAnalyzer.class,
                    o -> assertThat(o.name()).isEqualTo("onnx:nanodet"));
        }
    }
}
