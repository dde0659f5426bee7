package io.argus.media.rtsp;

import io.argus.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.media.codec.AccessUnit;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.media.stream.Stream;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import io.netty.channel.DefaultEventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real peers against our server and client; skipped where ffmpeg or GStreamer is not installed. */
@Interop
class RtspInteropTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    ScheduledExecutorService scheduler;
    PathManager paths;
    RtspServer server;
    DefaultEventLoop sourceLoop;

    @BeforeEach
    void start() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
        paths.setPublishCreator((name, protocol) -> Optional.of(paths.add(name, name, null, true)));
        server = new RtspServer(RtspServerConfig.ephemeral(), paths, RtspAuthenticator.ALLOW_ALL, 2);
        server.start();
        sourceLoop = new DefaultEventLoop();
    }

    @AfterEach
    void stop() {
        server.close();
        paths.close();
        sourceLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        scheduler.shutdownNow();
    }

    String url(String path) {
        return "rtsp://127.0.0.1:" + server.port() + "/" + path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffmpegPublishesToOurServer(String transport) throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        try (ChildProcess ffmpeg = ChildProcess.start(List.of("ffmpeg", "-hide_banner", "-nostdin", "-re",
                "-f", "h264", "-framerate", "25", "-i", SampleMedia.H264_360P25.path().toString(), "-c", "copy",
                "-f", "rtsp", "-rtsp_transport", transport, url("live/x")))) {
            int exit = ffmpeg.waitFor(WAIT);
            assertThat(exit).as(ffmpeg.output()).isZero();
            Path path = paths.get("live/x").orElseThrow();
            assertThat(path.counters().frames()).as(ffmpeg.output()).isEqualTo(SampleMedia.H264_360P25.frames());
            assertThat(path.counters().packetsLost()).isZero();
            assertThat(path.counters().packetsInvalid()).isZero();
        }
    }

    /** Publishes the sample in a loop at 25 fps from a live path, as a camera would. */
    ScheduledFuture<?> liveSample(String name, List<AccessUnit> units) {
        Path path = paths.add(name, name, null, true);
        Stream stream = path.acquirePublisher().onReady(List.of(RtspTestMedia.h264Format(units)), sourceLoop);
        long[] n = {0};
        return sourceLoop.scheduleAtFixedRate(() -> {
            AccessUnit src = units.get((int) (n[0] % units.size()));
            ByteBufUnits.publishRestamped(stream, src, n[0]++ * RtspTestMedia.FRAME_TICKS);
        }, 0, 40, TimeUnit.MILLISECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffmpegReadsFromOurServer(String transport) throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        List<AccessUnit> units = RtspTestMedia.h264Units();
        ScheduledFuture<?> feed = liveSample("cam1", units);
        try (ChildProcess ffmpeg = ChildProcess.start(List.of("ffmpeg", "-hide_banner", "-nostdin",
                "-rtsp_transport", transport, "-i", url("cam1"), "-frames:v", "60", "-c", "copy", "-f", "null", "-"))) {
            int exit = ffmpeg.waitFor(WAIT);
            String out = ffmpeg.output();
            assertThat(exit).as(out).isZero();
            assertThat(out).contains("Video: h264").containsPattern("frame=\\s*60");
        } finally {
            feed.cancel(false);
            sourceLoop.submit(() -> units.forEach(AccessUnit::release)).syncUninterruptibly();
        }
    }

    @Test
    void gstreamerReadsFromOurServer() throws Exception {
        assumeTrue(ChildProcess.installed("gst-launch-1.0"), "GStreamer not installed");
        List<AccessUnit> units = RtspTestMedia.h264Units();
        ScheduledFuture<?> feed = liveSample("cam1", units);
        try (ChildProcess gst = ChildProcess.start(List.of("gst-launch-1.0", "-q", "rtspsrc", "location="
                + url("cam1"), "protocols=tcp", "!", "rtph264depay", "!", "h264parse", "!", "fakesink",
                "num-buffers=50"))) {
            int exit = gst.waitFor(WAIT);
            assertThat(exit).as(gst.output()).isZero();
        } finally {
            feed.cancel(false);
            sourceLoop.submit(() -> units.forEach(AccessUnit::release)).syncUninterruptibly();
        }
    }

    /**
     * ffmpeg cannot serve RTSP to readers ({@code -rtsp_flags listen} only receives a publish), so our client
     * reads what ffmpeg publishes to our server, over UDP with real 25 fps timing.
     */
    @Test
    void ourClientReadsWhatFfmpegPublishes() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        URI url = URI.create(url("live/y"));
        try (RtspClient client = new RtspClient(RtspClientConfig.DEFAULT, 1);
             ChildProcess ffmpeg = ChildProcess.start(List.of("ffmpeg", "-hide_banner", "-nostdin", "-re",
                     "-stream_loop", "-1", "-i", Ffprobe.loopable(SampleMedia.H264_360P25).toString(), "-c", "copy",
                     "-f", "rtsp", "-rtsp_transport", "tcp",
                     url.toString()))) {
            PathManager clientPaths = new PathManager(List.of(client), scheduler,
                    new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)));
            try {
                Path cam = clientPaths.add("cam", "cam", new SourceConfig(url, null, null, Transport.UDP), true);
                Await.until(WAIT, () -> cam.counters().frames() >= 50, () -> cam.counters().frames()
                        + " frames, last error " + cam.status().lastError());
                assertThat(cam.counters().packetsLost()).isZero();
                assertThat(cam.stream().formats().get(0).codec().name()).isEqualTo("H264");
            } finally {
                clientPaths.close();
            }
        }
    }
}
