package io.argus.server.ingest;

import static io.argus.server.ingest.RtmpIngestTest.installed;
import static io.argus.server.ingest.RtmpIngestTest.runFailing;
import static io.argus.server.ingest.RtmpIngestTest.runOk;
import static io.argus.server.ingest.RtmpIngestTest.start;
import static io.argus.server.ingest.RtmpIngestTest.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.metadata.Tenants;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import java.net.DatagramSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SRT into a node with a passphrase, against real peers (libsrt in ffmpeg 5.1 and srt-live-transmit 1.5): ffmpeg
 * publishes H.264 + AAC as MPEG-TS and it is read back over RTSP and LL-HLS and recorded; srt-live-transmit
 * publishes with an API token; a wrong password or passphrase is refused; a camera whose source is an
 * srt-live-transmit listener is pulled as an SRT caller. Each connection's link shows in the Prometheus metrics.
 */
@Interop
class SrtIngestTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String PASSPHRASE = "argus-srt-passphrase";

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(0).set("srt.passphrase", PASSPHRASE)
            .set("recording.chunkDuration", "2s");

    @BeforeAll
    static void peers() {
        assumeTrue(installed("ffmpeg") && installed("ffprobe") && installed("srt-live-transmit"),
                "ffmpeg or srt-tools not installed");
        assumeTrue(node.server().srtPort() > 0, "libsrt not installed");
    }

    /** ffmpeg 5.1 passes the streamid on as written (no percent-decoding): the {@code #} goes as it is. */
    static String srt(String streamId, String passphrase) {
        return "srt://127.0.0.1:" + node.server().srtPort() + "?streamid=" + streamId
                + (passphrase == null ? "" : "&passphrase=" + passphrase);
    }

    static String publisher(String camera, String secret) {
        return "#!::r=" + camera + ",m=publish,u=admin,s=" + secret;
    }

    /** The loopable H.264 sample and the AAC one, in real time, as MPEG-TS to {@code url} ({@code -}: stdout). */
    static List<String> publish(boolean loop, String url) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-re"));
        if (loop) {
            cmd.addAll(List.of("-stream_loop", "-1", "-i", Ffprobe.loopable(SampleMedia.H264_360P25).toString()));
        } else {
            cmd.addAll(List.of("-f", "h264", "-framerate", "25", "-i", SampleMedia.H264_360P25.path().toString()));
        }
        cmd.add("-re");
        if (loop) {
            cmd.addAll(List.of("-stream_loop", "-1"));
        }
        cmd.addAll(List.of("-i", SampleMedia.AAC_48K.path().toString(), "-c", "copy", "-f", "mpegts", url));
        return cmd;
    }

    @Test
    void ffmpegPublishesACameraReadBackOverRtspAndLlHlsAndRecorded() throws Exception {
        Process ffmpeg = start(publish(true, srt(publisher("srt-lobby", TestNode.PASSWORD), PASSPHRASE)));
        try {
            String id = awaitLiveCamera("srt-lobby");
            JsonNode status = node.api().get("/api/v1/cameras/" + id).json().path("status");
            assertThat(status.path("width").asInt()).isEqualTo(640);

            String rtsp = "rtsp://admin:" + TestNode.PASSWORD + "@127.0.0.1:" + node.server().rtspPort()
                    + "/srt-lobby";
            assertThat(runOk(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                    "stream=codec_name,width,height,sample_rate,channels", "-of", "compact", rtsp)))
                    .contains("codec_name=h264|width=640|height=360").contains("codec_name=aac")
                    .contains("sample_rate=48000");
            assertThat(runOk(List.of("ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", rtsp, "-frames:v", "50",
                    "-f", "null", "-"))).as("decode errors").isBlank();

            String hls = node.base() + node.api().post("/api/v1/cameras/" + id + "/media-urls", "{}").json()
                    .path("live").asText();
            String playlist = hls.substring(node.base().length());
            Await.until(WAIT, () -> node.api().get(playlist).body().contains("#EXTINF"), () -> "an LL-HLS segment");
            assertThat(runOk(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height",
                    "-of", "compact", hls))).contains("codec_name=h264|width=640|height=360");

            UUID camera = UUID.fromString(id);
            Await.until(WAIT, () -> !node.server().recording().index().find(Tenants.DEFAULT_ID, camera,
                    Instant.EPOCH, Instant.now().plusSeconds(60)).isEmpty(), () -> "a recorded chunk indexed");
            assertThat(node.server().paths().get(id).orElseThrow().counters().packetsInvalid()).isZero();

            Await.until(WAIT, () -> node.api().get("/metrics").body().lines().anyMatch(l -> l.startsWith(
                    "argus_srt_packets_received_total{camera=\"srt-lobby\"") && !l.endsWith(" 0.0")),
                    () -> "the connection's SRT counters in the metrics");
            assertThat(node.api().get("/metrics").body()).contains("argus_srt_rtt_seconds{camera=\"srt-lobby\"");
        } finally {
            stop(ffmpeg);
        }
        Await.until(WAIT, () -> node.api().get("/metrics").body().lines().noneMatch(l -> l.startsWith("argus_srt_")
                        && l.contains("camera=\"srt-lobby\"")),
                () -> "the connection's series gone with it");
    }

    @Test
    void srtLiveTransmitPublishesWithAnApiToken() throws Exception {
        String url = "srt://127.0.0.1:" + node.server().srtPort() + "?passphrase=" + PASSPHRASE
                + "&streamid=#!::r=srt-gate,m=publish,s=" + node.api().token();
        String pipe = String.join(" ", publish(true, "-")) + " | srt-live-transmit -q file://con '" + url + "'";
        Process slt = start(List.of("bash", "-c", pipe));
        try {
            awaitLiveCamera("srt-gate");
        } finally {
            stopPipeline(slt);
        }
    }

    @Test
    void aPublishEndsWithinSecondsOnceItsApiTokenIsRevoked() throws Exception {
        JsonNode token = node.api().post("/api/v1/me/tokens", "{\"name\":\"encoder\",\"scopes\":"
                + "[\"manage-cameras\"]}").json();
        long revoked = node.server().srt().orElseThrow().publishesRevoked();
        Process ffmpeg = start(publish(true, srt("#!::r=srt-revoked,m=publish,s=" + token.path("token").asText(),
                PASSPHRASE)));
        try {
            String id = awaitLiveCamera("srt-revoked");
            assertThat(node.api().delete("/api/v1/me/tokens/" + token.path("id").asText()).status()).isEqualTo(204);
            Await.until(Duration.ofSeconds(10), () -> node.api().get("/api/v1/cameras/" + id).json().path("status")
                    .path("lastError").asText().contains("access revoked"), () -> "the publish ended");
            assertThat(node.server().srt().orElseThrow().publishesRevoked() - revoked).isEqualTo(1);
        } finally {
            stop(ffmpeg);
        }
    }

    @Test
    void aWrongPasswordOrPassphraseIsRefusedAndCreatesNothing() throws Exception {
        long refused = node.server().srt().orElseThrow().publishesRefused();
        runFailing(publish(false, srt(publisher("srt-nope", "wrong"), PASSPHRASE)));
        assertThat(node.server().srt().orElseThrow().publishesRefused()).isEqualTo(refused + 1);
        runFailing(publish(false, srt(publisher("srt-nope", TestNode.PASSWORD), "not-the-passphrase")));
        runFailing(publish(false, srt(publisher("srt-nope", TestNode.PASSWORD), null)));
        assertThat(node.api().get("/api/v1/cameras").body()).doesNotContain("srt-nope");
    }

    @Test
    void aCameraWithAnSrtSourceIsPulledAsACaller() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        String listener = String.join(" ", publish(true, "-")) + " | srt-live-transmit -q file://con "
                + "'srt://:" + port + "?mode=listener&passphrase=caller-passphrase'";
        Process slt = start(List.of("bash", "-c", listener));
        try {
            String id = node.addCamera("srt-pulled", "srt://127.0.0.1:" + port
                    + "?streamid=#!::r=feed&passphrase=caller-passphrase");
            JsonNode stored = node.api().get("/api/v1/cameras/" + id).json();
            assertThat(stored.path("url").asText()).as("the passphrase is kept out of the URL")
                    .doesNotContain("caller-passphrase").contains("streamid=%23!::r=feed");
            node.awaitLive(id);
            assertThat(node.api().get("/api/v1/cameras/" + id).json().path("status").path("codec").asText())
                    .isEqualTo("H264");

            String wrong = node.addCamera("srt-wrong-key", "srt://127.0.0.1:" + port
                    + "?passphrase=not-the-right-one");
            Await.until(WAIT, () -> node.api().get("/api/v1/cameras/" + wrong).json().path("status")
                    .path("lastError").asText().contains("refused"), () -> "the caller refused");
        } finally {
            stopPipeline(slt);
        }
    }

    /** Stops a shell pipeline: its processes (ffmpeg, srt-live-transmit), then the shell. */
    static void stopPipeline(Process shell) throws InterruptedException {
        shell.descendants().forEach(ProcessHandle::destroy);
        stop(shell);
    }

    /** The id of the camera named {@code name} once it is live. */
    static String awaitLiveCamera(String name) {
        String[] id = {null};
        Await.until(WAIT, () -> {
            for (JsonNode c : node.api().get("/api/v1/cameras").json()) {
                if (c.path("name").asText().equals(name)) {
                    id[0] = c.path("id").asText();
                }
            }
            return id[0] != null && "live".equals(node.api().get("/api/v1/cameras/" + id[0]).json().path("status")
                    .path("state").asText());
        }, () -> name + " live");
        return id[0];
    }
}
