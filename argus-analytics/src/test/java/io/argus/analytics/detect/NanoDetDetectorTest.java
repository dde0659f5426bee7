package io.argus.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.argus.analytics.geom.Box;
import io.argus.testkit.tier.E2e;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped NanoDet finds the walkers of vtest.avi: counts against hand-labelled frames. */
@E2e
class NanoDetDetectorTest {
    /** What a rule would ask of a person detection; NanoDet's false people (traffic cones) score below. */
    private static final float PERSON_CONFIDENCE = 0.5f;
    private static TensorDetector detector;

    @BeforeAll
    static void load() throws DetectorException {
        detector = TensorDetector.nanoDet(2, TensorDetector.Options.DEFAULTS);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsThePeopleOfHandLabelledFrames() throws DetectorException {
        Map<String, Integer> labelled = VtestFrames.people();
        List<Frame> frames = new ArrayList<>();
        labelled.keySet().forEach(f -> frames.add(VtestFrames.frame("vtest", f, Instant.EPOCH)));
        List<List<Detection>> result = detector.detect(frames);

        int i = 0;
        int found = 0;
        int expected = 0;
        for (Map.Entry<String, Integer> e : labelled.entrySet()) {
            long people = result.get(i++).stream()
                    .filter(d -> d.label().equals("person") && d.confidence() >= PERSON_CONFIDENCE).count();
            // One off per frame: two walkers close together may merge, one behind the post may be missed.
            assertThat(people).as(e.getKey()).isBetween(e.getValue() - 1L, e.getValue() + 1L);
            found += (int) people;
            expected += e.getValue();
            System.out.printf("%s: %d people labelled, %d found%n", e.getKey(), e.getValue(), people);
        }
        assertThat(found).as("people over all frames").isBetween((int) (expected * 0.85), expected);
    }

    @Test
    void boxesAreFrameRelativeAndPeopleShaped() throws DetectorException {
        Frame frame = VtestFrames.frame("vtest", "vtest_65s.jpg", Instant.EPOCH);
        List<Detection> people = detector.detect(List.of(frame)).get(0).stream()
                .filter(d -> d.label().equals("person") && d.confidence() >= PERSON_CONFIDENCE).toList();
        assertThat(people).isNotEmpty().allSatisfy(d -> {
            assertThat(d.box().x()).isBetween(0.0, 1.0);
            assertThat(d.box().x() + d.box().w()).isBetween(0.0, 1.0);
            assertThat(d.box().h()).isGreaterThan(d.box().w());
        });
        // The woman in the foreground, measured on the full frame: x 334..380, y 372..515 of 768x576.
        assertThat(people).anySatisfy(d -> {
            assertThat(d.box().iou(new Box(334 / 768.0, 372 / 576.0, 46 / 768.0,
                    143 / 576.0))).isGreaterThan(0.7);
        });
    }

    /**
     * Not a check: prints ms per frame on this machine, one frame at a time and in batches of five. The build machine
     * is shared, so it prints the fastest frame (closest to an idle machine) next to the mean, and the process's CPU
     * time per frame, which other processes' load barely changes.
     */
    @Test
    void measuresMillisecondsPerFrame() throws DetectorException {
        List<Frame> frames = new ArrayList<>();
        VtestFrames.people().keySet().forEach(f -> frames.add(VtestFrames.frame("vtest", f, Instant.EPOCH)));
        detector.detect(frames);
        int rounds = 4;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long singleTotal = 0;
        long singleBest = Long.MAX_VALUE;
        long batchTotal = 0;
        long batchBest = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            for (Frame f : frames) {
                long t0 = System.nanoTime();
                detector.detect(List.of(f));
                long t = System.nanoTime() - t0;
                singleTotal += t;
                singleBest = Math.min(singleBest, t);
            }
            long t0 = System.nanoTime();
            detector.detect(frames);
            long t = (System.nanoTime() - t0) / frames.size();
            batchTotal += t;
            batchBest = Math.min(batchBest, t);
        }
        double cpuPerFrame = (os.getProcessCpuTime() - cpu0) / 1e6 / (2 * rounds * frames.size());
        System.out.printf("NanoDet 416x416 on %d cores: %.1f ms/frame one at a time (best %.1f), %.1f ms/frame in "
                + "batches of %d (best %.1f); %.1f ms of CPU time per frame%n", Runtime.getRuntime()
                .availableProcessors(), singleTotal / 1e6 / (rounds * frames.size()), singleBest / 1e6,
                batchTotal / 1e6 / rounds, frames.size(), batchBest / 1e6, cpuPerFrame);
        assertThat(singleBest).isPositive();
    }
}
