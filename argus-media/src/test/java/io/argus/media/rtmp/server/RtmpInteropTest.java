package io.argus.media.rtmp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.rtsp.ChildProcess;
import io.argus.media.path.PathState;
import io.argus.testkit.Await;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ffmpeg publishing over RTMP (its native rtmp:// client, the FLV muxer) into our server and its paths. */
@Interop
class RtmpInteropTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final PathManager paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
    RtmpServer server;

    void start(RtmpAuthenticator authenticator) throws Exception {
        paths.setPublishCreator((name, protocol) -> Optional.of(paths.add(name, name, null, true)));
        server = new RtmpServer(RtmpServerConfig.ephemeral(), paths, authenticator, 1);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        paths.close();
        scheduler.shutdownNow();
    }

    static List<String> publish(String url) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-f", "h264", "-framerate", "25", "-i",
                SampleMedia.H264_360P25.path().toString(), "-i", SampleMedia.AAC_48K.path().toString(), "-c", "copy",
                "-f", "flv", url);
    }

    @Test
    void ffmpegPublishesH264AndAacIntoANewPath() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(RtmpAuthenticator.ALLOW_ALL);
        AtomicReference<List<MediaFormat>> formats = new AtomicReference<>();
        CompletableFuture<Path> created = new CompletableFuture<>();
        paths.setPublishCreator((name, protocol) -> {
            Path p = paths.add(name, name, null, true);
            p.onStream(s -> formats.set(s.formats()));
            created.complete(p);
            return Optional.of(p);
        });
        try (ChildProcess ffmpeg = ChildProcess.start(publish("rtmp://127.0.0.1:" + server.port()
                + "/live/cam1?key=secret"))) {
            assertThat(ffmpeg.waitFor(WAIT)).as(ffmpeg.output()).isZero();
            Path path = created.get(5, TimeUnit.SECONDS);
            assertThat(path.id()).isEqualTo("cam1");
            // ffmpeg is done once its bytes are in the socket; the server may still be reading them.
            Await.until(WAIT, () -> path.state() == PathState.WAITING && path.status().lastError() != null
                    && formats.get() != null,
                    () -> "the publisher's end, "
                    + path.status());
            assertThat(path.counters().frames()).as("%s", path.status()).isEqualTo(SampleMedia.H264_360P25.frames());
            assertThat(path.counters().packetsInvalid()).isZero();
            assertThat(path.counters().framesDropped()).isZero();
            assertThat(formats.get()).extracting(MediaFormat::codec).containsExactly(Codec.H264, Codec.AAC);
            MediaFormat.Aac aac = (MediaFormat.Aac) formats.get().get(1);
            assertThat(aac.sampleRate()).isEqualTo(48_000);
            assertThat(aac.channels()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedPublishEndsFfmpegWithAnError() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start((key, client) -> CompletableFuture.completedFuture(RtmpDecision.REFUSED));
        try (ChildProcess ffmpeg = ChildProcess.start(publish("rtmp://127.0.0.1:" + server.port()
                + "/cam2?user=a&pass=wrong"))) {
            assertThat(ffmpeg.waitFor(WAIT)).as(ffmpeg.output()).isNotZero();
            assertThat(ffmpeg.output()).contains("not authorized");
        }
        assertThat(paths.get("cam2")).isEmpty();
        assertThat(server.publishesRefused()).isEqualTo(1);
    }
}
