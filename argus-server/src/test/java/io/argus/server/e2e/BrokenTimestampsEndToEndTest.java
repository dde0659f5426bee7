package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.media.rtsp.GstRtspCamera;
import io.argus.metadata.Tenants;
import io.argus.server.testing.TestNode;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Third-party cameras whose RTP timestamps are broken, GStreamer's gst-rtsp-server acting as each: one that stamps
 * every frame alike (rtph264pay fed a raw .h264 file, as an operator found it), one whose clock steps back 2 s
 * every 3 s. Each is recorded in playable chunks of the right duration, on arrival times, and its status and
 * metrics say so. Before the repair the first recorded one frame and dropped the rest, and never closed a chunk.
 */
@Interop
class BrokenTimestampsEndToEndTest {
    @RegisterExtension
    static final TestNode node = TestNode.bare().set("recording.chunkDuration", "4s")
            .set("recording.syncInterval", "1s").set("recording.minFree", "0");

    @ParameterizedTest(name = "--timestamps={0}")
    @CsvSource({"none, do not advance", "jump-back, jumped back 1.960 s"})
    void recordsPlayableChunksOfTheRightDurationOnArrivalTimes(String timestamps, String reason) throws Exception {
        Ffprobe.assumeInstalled();
        try (GstRtspCamera camera = GstRtspCamera.start(0, SampleMedia.H264_360P25, "--timestamps=" + timestamps)) {
            UUID cam = UUID.fromString(node.addCamera("gst-" + timestamps, camera.url()));

            Await.until(Duration.ofSeconds(40), Duration.ofMillis(100), () -> chunks(cam).size() >= 2,
                    "two closed chunks of camera gst-" + timestamps);

            List<ChunkRecord> rows = chunks(cam);
            for (ChunkRecord row : rows) {
                String file = node.server().recording().store().localPath(row.location()).orElseThrow().toString();
                JsonNode probe = new ObjectMapper().readTree(Ffprobe.probe(file, "-count_frames",
                        "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames:packet=pts_time,duration_time"));
                long frames = probe.path("streams").get(0).path("nb_read_frames").asLong();
                JsonNode packets = probe.path("packets");
                JsonNode last = packets.get(packets.size() - 1);
                double seconds = last.path("pts_time").asDouble() + last.path("duration_time").asDouble()
                        - packets.get(0).path("pts_time").asDouble();
                double indexed = row.duration().toMillis() / 1000.0;
                assertThat(frames).as("frames decoded from %s", row.location()).isGreaterThanOrEqualTo(50)
                        .isEqualTo(packets.size());
                assertThat(seconds).as("the duration ffprobe reads from %s: its frames at 25 fps", row.location())
                        .isCloseTo(frames / 25.0, within(frames / 25.0 * 0.1));
                assertThat(indexed).as("the index's duration of %s", row.location())
                        .isCloseTo(frames / 25.0, within(frames / 25.0 * 0.1));
            }
            assertThat(Duration.between(rows.get(0).end(), rows.get(1).start()).abs())
                    .as("consecutive chunks touch").isLessThan(Duration.ofMillis(100));

            JsonNode status = node.api().get("/api/v1/cameras/" + cam).json().path("status");
            assertThat(status.path("timestampMode").asText()).isEqualTo("arrival");
            assertThat(status.path("timestampReason").asText()).contains("track 0 (H264)").contains(reason);
            assertThat(status.path("framesRetimed").asLong()).isPositive();
            JsonNode recording = node.api().get("/api/v1/cameras/" + cam + "/recording").json().path("status");
            assertThat(recording.path("state").asText()).isEqualTo("recording");
            assertThat(recording.path("framesDropped").asLong()).as(recording.toString()).isZero();
            String labels = "{camera=\"gst-" + timestamps + "\",camera_id=\"" + cam + "\"}";
            assertThat(node.api().get("/metrics").body()).contains("argus_camera_timestamps_arrival" + labels + " 1.0")
                    .containsPattern("argus_camera_frames_retimed_total\\Q" + labels + "\\E [1-9]");
            node.api().delete("/api/v1/cameras/" + cam);
        }
    }

    private static List<ChunkRecord> chunks(UUID cam) {
        return node.server().recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH,
                Instant.now().plusSeconds(60));
    }
}
