package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a transcoded live view costs in time (issue 17's closing figures, printed): a viewer of a simulated 1080p25
 * H.265 camera's own stream and one of its 720p and 360p renditions side by side over {@code live.ws}: the first
 * picture's time after connecting (a rendition's includes starting its job and transcoding the cached GOP), and the
 * delay the job adds to every picture (camera packet in to transcoded picture out, the job's own 99th percentile
 * from {@code GET /api/v1/transcodes}). Checked: the rendition plays H.264 and its job reports its delay.
 */
@E2e
class TranscodeLatencyEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pictures each viewer receives: the cached GOP (2 s) and two seconds live. */
    private static final int PICTURES = 100;

    @RegisterExtension
    static final TestNode NODE = TestNode.withCameras(1).codec(Codec.H265, 25).set("transcode.maxJobs", "2")
            .set("transcode.linger", "1s");

    @Test
    void aTranscodedLiveViewShowsItsFirstPictureAndReportsTheDelayItAdds() throws Exception {
        LiveFixture f = new LiveFixture(NODE);
        String base = "ws://127.0.0.1:" + f.server.httpPort() + "/api/v1/cameras/" + f.camera + "/live.ws";
        for (String rendition : List.of("720p", "360p")) {
            LiveWsClient original = new LiveWsClient(f.http, base, f.api.token());
            LiveWsClient transcoded = new LiveWsClient(f.http, base + "?rendition=" + rendition, f.api.token());
            try {
                List<LiveWsClient.Message> a = original.await(2, Duration.ofSeconds(60));
                List<LiveWsClient.Message> b = transcoded.await(2, Duration.ofSeconds(90));
                double firstA = (a.get(1).arrivalNanos() - original.connectNanos) / 1e6;
                double firstB = (b.get(1).arrivalNanos() - transcoded.connectNanos) / 1e6;
                assertThat(JSON.readTree(transcoded.header.get(5, TimeUnit.SECONDS)).path("codecs").asText())
                        .startsWith("avc1.");
                transcoded.await(PICTURES, Duration.ofSeconds(60));
                JsonNode job = f.api.get("/api/v1/transcodes").json().get(0);
                assertThat(job.path("latencyP99Micros").asLong()).as(job.toString()).isPositive();
                System.out.printf("live.ws 1080p25 H.265 -> %s: first picture %.0f ms after connecting (camera's own "
                        + "stream: %.0f ms); the job adds %.1f ms per picture (p99); %s%n", rendition, firstB, firstA,
                        job.path("latencyP99Micros").asLong() / 1000.0, job);
            } finally {
                original.abort();
                transcoded.abort();
            }
            Await.until(Duration.ofSeconds(20), () -> f.api.get("/api/v1/transcodes").json().isEmpty(),
                    () -> "the job stopped after its viewer");
        }
    }
}
