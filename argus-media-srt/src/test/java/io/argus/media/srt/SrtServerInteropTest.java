package io.argus.media.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.PathState;
import io.argus.media.path.SourceAddressPolicy;
import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.path.Transport;
import io.argus.media.codec.AccessUnit;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.util.concurrent.CopyOnWriteArrayList;
import java.net.URI;
import java.util.concurrent.Executor;
import io.argus.media.rtsp.ChildProcess;
import io.argus.testkit.Await;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ffmpeg and srt-live-transmit publishing MPEG-TS over SRT (libsrt on both ends) into our listener's paths. */
@Interop
class SrtServerInteropTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PASSPHRASE = "correct horse battery";

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final PathManager paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
    final AtomicReference<List<MediaFormat>> formats = new AtomicReference<>();
    final CompletableFuture<Path> created = new CompletableFuture<>();
    SrtServer server;

    void start(SrtServerConfig config, SrtAuthenticator authenticator) throws Exception {
        Srt srt;
        try {
            srt = Srt.load();
        } catch (SrtUnavailableException e) {
            assumeTrue(false, e.getMessage());
            return;
        }
        paths.setPublishCreator((name, protocol) -> {
            Path p = paths.add(name, name, null, true);
            p.onStream(s -> formats.set(s.formats()));
            created.complete(p);
            return Optional.of(p);
        });
        server = new SrtServer(srt, config, paths, authenticator);
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

    /** The H.264 and AAC samples muxed to MPEG-TS by ffmpeg and sent over SRT, once, in real time. */
    static List<String> ffmpegPublish(String url) {
        return new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-re", "-f", "h264", "-framerate", "25",
                "-i", SampleMedia.H264_360P25.path().toString(), "-re", "-i", SampleMedia.AAC_48K.path().toString(),
                "-c", "copy", "-f", "mpegts", url));
    }

    static String streamId(String camera) {
        return "#!::r=" + camera + ",m=publish,u=admin,s=secret";
    }

    @Test
    void ffmpegPublishesH264AndAacIntoANewPath() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(SrtServerConfig.ephemeral(), SrtAuthenticator.ALLOW_ALL);
        try (ChildProcess ffmpeg = ChildProcess.start(ffmpegPublish("srt://127.0.0.1:" + server.port()
                + "?streamid=" + streamId("cam1")))) {
            Path path = created.get(10, TimeUnit.SECONDS);
            assertThat(path.id()).isEqualTo("cam1");
            assertThat(ffmpeg.waitFor(WAIT)).as(ffmpeg.output()).isZero();
            Await.until(WAIT, () -> path.state() == PathState.WAITING && formats.get() != null,
                    () -> "the publisher's end, " + path.status());
            // The last frame's PES is complete only when the next starts: it goes with the connection.
            assertPublished(path);
            assertThat(path.counters().packetsInvalid()).isZero();
            assertThat(formats.get()).extracting(MediaFormat::codec).containsExactly(Codec.H264, Codec.AAC);
        }
    }

    /**
     * Every frame but the last few: a caller that closes takes along what the listener's receive buffer still
     * held back for SRT's latency (120 ms, 3 frames at 25 fps), and the last PES completes only with the next.
     */
    static void assertPublished(Path path) {
        assertThat(path.counters().frames()).as("%s", path.status())
                .isBetween((long) SampleMedia.H264_360P25.frames() - 8, (long) SampleMedia.H264_360P25.frames());
    }

    @Test
    void ffmpegPublishesH265() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(SrtServerConfig.ephemeral(), SrtAuthenticator.ALLOW_ALL);
        try (ChildProcess ffmpeg = ChildProcess.start(List.of("ffmpeg", "-hide_banner", "-nostdin", "-re", "-f",
                "hevc", "-framerate", "25", "-i", SampleMedia.H265_360P25.path().toString(), "-c", "copy", "-f",
                "mpegts", "srt://127.0.0.1:" + server.port() + "?streamid=" + streamId("hevc")))) {
            Path path = created.get(10, TimeUnit.SECONDS);
            assertThat(ffmpeg.waitFor(WAIT)).as(ffmpeg.output()).isZero();
            Await.until(WAIT, () -> path.state() == PathState.WAITING && formats.get() != null,
                    () -> "the publisher's end, " + path.status());
            assertThat(formats.get()).extracting(MediaFormat::codec).containsExactly(Codec.H265);
            assertThat(path.counters().frames()).isGreaterThan(SampleMedia.H265_360P25.frames() - 8L);
            assertThat(path.counters().packetsInvalid()).isZero();
        }
    }

    @Test
    void withAPassphraseTheRightOneIsLetInAndAWrongOrMissingOneRefused() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(new SrtServerConfig("127.0.0.1", 0, PASSPHRASE, 32), SrtAuthenticator.ALLOW_ALL);
        String base = "srt://127.0.0.1:" + server.port() + "?streamid=" + streamId("cam1");
        try (ChildProcess wrong = ChildProcess.start(ffmpegPublish(base + "&passphrase=wrong+horse+battery&pbkeylen=32"))) {
            assertThat(wrong.waitFor(WAIT)).as(wrong.output()).isNotZero();
        }
        try (ChildProcess none = ChildProcess.start(ffmpegPublish(base))) {
            assertThat(none.waitFor(WAIT)).as(none.output()).isNotZero();
        }
        assertThat(created).isNotDone();
        try (ChildProcess ffmpeg = ChildProcess.start(ffmpegPublish(base + "&passphrase=" + PASSPHRASE.replace(' ', '+')
                + "&pbkeylen=32"))) {
            Path path = created.get(10, TimeUnit.SECONDS);
            assertThat(ffmpeg.waitFor(WAIT)).as(ffmpeg.output()).isZero();
            Await.until(WAIT, () -> path.state() == PathState.WAITING, () -> "the publisher's end, " + path.status());
            assertPublished(path);
        }
    }

    @Test
    void refusedCredentialsEndFfmpegWithAnError() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(SrtServerConfig.ephemeral(), (id, client) -> CompletableFuture.completedFuture(
                SrtDecision.refused(SrtRejectCodes.UNAUTHORIZED, "wrong user or password")));
        try (ChildProcess ffmpeg = ChildProcess.start(ffmpegPublish("srt://127.0.0.1:" + server.port()
                + "?streamid=" + streamId("cam2")))) {
            assertThat(ffmpeg.waitFor(WAIT)).as(ffmpeg.output()).isNotZero();
            assertThat(ffmpeg.output()).contains("Input/output error");
        }
        assertThat(paths.get("cam2")).isEmpty();
        assertThat(server.publishesRefused()).isEqualTo(1);
    }

    @Test
    void garbageBeforeTheTransportStreamIsCountedAndSkipped() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg") && ChildProcess.installed("srt-live-transmit"),
                "ffmpeg or srt-live-transmit not installed");
        start(SrtServerConfig.ephemeral(), SrtAuthenticator.ALLOW_ALL);
        // 64 KiB of random bytes, then the samples as MPEG-TS, from stdin in srt-live-transmit's 1316-byte chunks.
        String ts = String.join(" ", ffmpegPublish("-")).replace(" -re ", " ");
        String command = "{ head -c 65536 /dev/urandom; " + ts + " 2>/dev/null; } | srt-live-transmit -q file://con "
                + "'srt://127.0.0.1:" + server.port() + "?streamid=#!::r=cam3,m=publish,u=a,s=b'";
        try (ChildProcess slt = ChildProcess.start(List.of("bash", "-c", command))) {
            Path path = created.get(10, TimeUnit.SECONDS);
            // srt-live-transmit stays connected after its input ends: wait for every frame but the few SRT holds.
            Await.until(WAIT, () -> path.counters().frames() >= SampleMedia.H264_360P25.frames() - 8
                            && formats.get() != null,
                    () -> "the frames after the garbage, " + path.status());
            assertThat(path.counters().packetsInvalid()).as("the garbage, counted").isPositive();
            assertThat(formats.get()).extracting(MediaFormat::codec).containsExactly(Codec.H264, Codec.AAC);
        }
    }

    /** Access units are views of the buffers libsrt wrote into: every piece of payload has one as its root. */
    @Test
    void accessUnitsAreViewsOfTheBuffersLibsrtReceivedInto() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(SrtServerConfig.ephemeral(), SrtAuthenticator.ALLOW_ALL);
        List<String> roots = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        paths.setPublishCreator((name, protocol) -> {
            Path p = paths.add(name, name, null, true);
            p.onStream(s -> s.attach(new StreamConsumer() {
                int units;

                @Override
                public void onAccessUnit(AccessUnit au) {
                    for (int i = 0; i < au.unitCount(); i++) {
                        pieces(au.unit(i), roots);
                    }
                    au.release();
                    if (++units == 50) {
                        seen.complete(units);
                    }
                }
            }, Runnable::run, Stream.DEFAULT_READER_QUEUE));
            return Optional.of(p);
        });
        try (ChildProcess ffmpeg = ChildProcess.start(ffmpegPublish("srt://127.0.0.1:" + server.port()
                + "?streamid=" + streamId("views")))) {
            assertThat(seen.get(20, TimeUnit.SECONDS)).isEqualTo(50);
        }
        assertThat(roots).as("each piece's root buffer: a receive buffer, not a copy").isNotEmpty()
                .containsOnly("direct " + SrtInput.BATCH);
    }

    /** The root buffer of each piece of {@code buf} (a slice, or a composite of slices), as kind and capacity. */
    static void pieces(ByteBuf buf, List<String> roots) {
        for (ByteBuf b = buf; b != null; b = b.unwrap()) {
            if (b instanceof CompositeByteBuf c) {
                for (int i = 0; i < c.numComponents(); i++) {
                    pieces(c.internalComponent(i), roots);
                }
                return;
            }
            if (b.unwrap() == null) {
                roots.add((b.isDirect() ? "direct " : "heap ") + b.capacity());
            }
        }
    }

    @Test
    void aStreamWithNoCodecWeCarryEndsThePublishSayingWhy() throws Exception {
        assumeTrue(ChildProcess.installed("ffmpeg"), "ffmpeg not installed");
        start(SrtServerConfig.ephemeral(), SrtAuthenticator.ALLOW_ALL);
        try (ChildProcess ffmpeg = ChildProcess.start(List.of("ffmpeg", "-hide_banner", "-nostdin", "-re", "-f",
                "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "20", "-c:v", "mpeg2video", "-f", "mpegts",
                "srt://127.0.0.1:" + server.port() + "?streamid=" + streamId("mpeg2")))) {
            Path path = created.get(10, TimeUnit.SECONDS);
            Await.until(WAIT, () -> path.status().lastError() != null, () -> "the publish ended, " + path.status());
            assertThat(path.status().lastError()).contains("unsupported codec").contains("stream type 0x2");
            assertThat(ffmpeg.waitFor(WAIT)).as("ffmpeg hears the connection close").isNotZero();
        }
    }

    @Test
    void ourCallerHearsTheListenersRejectCode() throws Exception {
        start(SrtServerConfig.ephemeral(), (id, client) -> CompletableFuture.completedFuture(
                SrtDecision.refused(SrtRejectCodes.UNAUTHORIZED, "wrong user or password")));
        CompletableFuture<String> ended = new CompletableFuture<>();
        try (SrtClient client = new SrtClient(Srt.load(), SourceAddressPolicy.ANY)) {
            SourceAttempt attempt = client.connect(new SourceConfig(URI.create("srt://127.0.0.1:" + server.port()
                    + "?streamid=%23!::r=cam,m=publish,u=a,s=b"), null, null, Transport.AUTO), new SourceListener() {
                        @Override
                        public Stream onReady(List<MediaFormat> f, Executor writer) {
                            return null;
                        }

                        @Override
                        public void onEnded(String reason) {
                            ended.complete(reason);
                        }
                    }, new SourceCounters());
            assertThat(ended.get(10, TimeUnit.SECONDS)).contains("refused").contains("unauthorized (1401)");
            attempt.close();
        }
    }
}
