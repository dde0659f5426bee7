package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a transcoded live view costs in time (issue 17's closing figures, printed): a viewer of a simulated 1080p25
 * H.265 camera's own stream and one of its 720p and 360p renditions, side by side over {@code live.ws}. A transcode
 * keeps its source's timestamps, so a frame's arrival minus its decode time, compared between the two sockets, is the
 * delay the transcode adds; the first-frame time of a rendition includes starting its job. Checked: the rendition's
 * frames carry the source's clock and arrive within a bound of the original's.
 */
@E2e
class TranscodeLatencyEndToEndTest {
    /** Frames compared per socket, after the cached GOP each starts with (at most 2 s of 25 fps). */
    private static final int FRAMES = 75;
    private static final int SKIP = 60;

    @RegisterExtension
    static final TestNode NODE = TestNode.withCameras(1).codec(Codec.H265, 25).set("transcode.maxJobs", "2")
            .set("transcode.linger", "1s");

    @Test
    void aTranscodedLiveViewAddsBoundedDelayAndKeepsTheCamerasClock() throws Exception {
        LiveFixture f = new LiveFixture(NODE);
        for (String rendition : List.of("720p", "360p")) {
            String base = "ws://127.0.0.1:" + f.server.httpPort() + "/api/v1/cameras/" + f.camera + "/live.ws";
            LiveWsClient original = new LiveWsClient(f.http, base, f.api.token());
            LiveWsClient transcoded = new LiveWsClient(f.http, base + "?rendition=" + rendition, f.api.token());
            try {
                List<LiveWsClient.Message> a = original.await(SKIP + FRAMES, Duration.ofSeconds(60));
                List<LiveWsClient.Message> b = transcoded.await(SKIP + FRAMES, Duration.ofSeconds(90));
                double firstA = (a.get(1).arrivalNanos() - original.connectNanos) / 1e6;
                double firstB = (b.get(1).arrivalNanos() - transcoded.connectNanos) / 1e6;
                double added = medianLagMillis(b) - medianLagMillis(a);
                System.out.printf("live.ws 1080p25 H.265 -> %s: first frame %.0f ms (original %.0f ms), "
                        + "added frame delay %.1f ms (median over %d frames)%n", rendition, firstB, firstA, added,
                        FRAMES);
                assertThat(added).as("delay a %s transcode adds, ms", rendition).isBetween(-100.0, 3000.0);
            } finally {
                original.abort();
                transcoded.abort();
            }
            Await.until(Duration.ofSeconds(20), () -> f.api.get("/api/v1/transcodes").json().isEmpty(),
                    () -> "the job stopped after its viewer");
        }
    }

    /** Median of (arrival - decode time) over the steady-state frames, in ms: the clock offset plus the delay. */
    private static double medianLagMillis(List<LiveWsClient.Message> messages) {
        double[] lags = messages.subList(SKIP, messages.size()).stream()
                .mapToDouble(m -> m.arrivalNanos() / 1e6 - tfdt(m.bytes()) / 90.0).toArray();
        assertThat(lags).as("every fragment has a tfdt").hasSize(messages.size() - SKIP);
        Arrays.sort(lags);
        return lags[lags.length / 2];
    }

    /** The first tfdt's decode time (ISO/IEC 14496-12 §8.8.12) in a fragment, at 90 kHz. */
    private static long tfdt(byte[] fragment) {
        ByteBuffer b = ByteBuffer.wrap(fragment);
        for (int i = 4; i + 12 <= fragment.length; i++) {
            if (fragment[i] == 't' && fragment[i + 1] == 'f' && fragment[i + 2] == 'd' && fragment[i + 3] == 't') {
                return fragment[i + 4] == 1 ? b.getLong(i + 8) : b.getInt(i + 8) & 0xffffffffL;
            }
        }
        throw new AssertionError("no tfdt in a fragment of " + fragment.length + " bytes");
    }
}
