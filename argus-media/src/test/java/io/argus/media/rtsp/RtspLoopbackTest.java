package io.argus.media.rtsp;

import io.argus.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspDecision;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.media.stream.Stream;
import io.netty.channel.DefaultEventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client pulls from our server over loopback: every frame arrives in order with its timestamp. */
class RtspLoopbackTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    ScheduledExecutorService scheduler;
    PathManager serverPaths;
    RtspServer server;
    RtspClient client;
    DefaultEventLoop sourceLoop;
    List<AccessUnit> units;

    @BeforeEach
    void start() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        serverPaths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
        server = new RtspServer(RtspServerConfig.ephemeral(), serverPaths, RtspAuthenticator.ALLOW_ALL, 2);
        server.start();
        client = new RtspClient(RtspClientConfig.DEFAULT, 1);
        sourceLoop = new DefaultEventLoop();
        units = RtspTestMedia.h264Units();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        serverPaths.close();
        sourceLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        scheduler.shutdownNow();
        units.forEach(AccessUnit::release);
    }

    /** Makes path {@code name} live with the sample's format; nothing is published yet. */
    Stream liveSource(String name) {
        Path path = serverPaths.add(name, name, null, true);
        SourceListener publisher = path.acquirePublisher();
        return publisher.onReady(List.of(RtspTestMedia.h264Format(units)), sourceLoop);
    }

    /**
     * Publishes the first unit, waits until the receiving side's stream has its reader (it is created at the
     * first packet and attaches asynchronously), then the rest.
     */
    void publishAll(Stream source, RecordingListener receiver) {
        sourceLoop.execute(() -> source.publish(units.get(0).retain()));
        Await.until(WAIT, () -> receiver.stream != null && receiver.stream.readerCount() == 1,
                () -> "the receiving stream's reader");
        sourceLoop.execute(() -> units.subList(1, units.size()).forEach(au -> source.publish(au.retain())));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "UDP"})
    void everyFrameArrivesInOrderWithItsTimestamp(Transport transport) {
        Stream source = liveSource("cam1");
        RecordingListener listener = new RecordingListener();
        SourceCounters counters = new SourceCounters();
        URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/cam1");

        SourceAttempt attempt = client.connect(new SourceConfig(url, null, null, transport), listener, counters);
        Await.until(WAIT, () -> source.readerCount() == 1, () -> "the client to PLAY");
        publishAll(source, listener);
        Await.until(WAIT, () -> listener.units.size() == units.size(), () -> listener.units.size() + " units (frames "
                + counters.frames() + ", packets " + counters.packets() + ", lost " + counters.packetsLost()
                + ", invalid " + counters.packetsInvalid() + ", dropped " + counters.framesDropped() + ", end "
                + listener.endReason + ", server published " + source.published() + ")");

        assertThat(listener.formats).containsExactly((MediaFormat) RtspTestMedia.h264Format(units));
        long firstPts = listener.units.get(0).pts();
        for (int i = 0; i < units.size(); i++) {
            RecordingListener.Received r = listener.units.get(i);
            assertThat(r.pts() - firstPts).as("pts of unit %d", i).isEqualTo(i * RtspTestMedia.FRAME_TICKS);
            assertThat(r.keyframe()).as("keyframe flag of unit %d", i).isEqualTo(units.get(i).keyframe());
            assertThat(r.content()).as("content of unit %d", i).isEqualTo(RtspTestMedia.content(units.get(i)));
        }
        assertThat(counters.frames()).isEqualTo(units.size());
        assertThat(counters.packetsLost()).isZero();
        assertThat(counters.packetsInvalid()).isZero();
        assertThat(listener.endReason).isNull();

        attempt.close();
        listener.closeStream();
        Await.until(WAIT, () -> source.readerCount() == 0, () -> "the server to drop the reader after TEARDOWN");
    }

    /** Plays {@code url} until every unit arrived; returns the listener (its stream closed). */
    RecordingListener playAll(Stream source, SourceConfig config) {
        RecordingListener listener = new RecordingListener();
        SourceAttempt attempt = client.connect(config, listener, new SourceCounters());
        Await.until(WAIT, () -> source.readerCount() == 1 || listener.endReason != null, () -> "PLAY");
        assertThat(listener.endReason).isNull();
        publishAll(source, listener);
        Await.until(WAIT, () -> listener.units.size() == units.size(), () -> listener.units.size() + " units");
        attempt.close();
        listener.closeStream();
        return listener;
    }

    @Test
    void digestAuthAgainstOurServerAndWrongPassword() throws Exception {
        server.close();
        server = new RtspServer(RtspServerConfig.ephemeral(), serverPaths,
                (action, path, c, client) -> c != null && c.username().equals("admin") && c.verify("s3cret")
                        ? RtspDecision.allowed(path) : RtspDecision.REFUSED, 1);
        server.start();
        Stream source = liveSource("cam1");
        URI good = URI.create("rtsp://admin:s3cret@127.0.0.1:" + server.port() + "/cam1");

        playAll(source, new SourceConfig(good, null, null, Transport.TCP));

        RecordingListener denied = new RecordingListener();
        URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/cam1");
        client.connect(new SourceConfig(url, "admin", "wrong", Transport.TCP), denied, new SourceCounters());
        Await.until(WAIT, () -> denied.endReason != null, () -> "the attempt to end");
        assertThat(denied.endReason).isEqualTo("401 Unauthorized: wrong credentials");
    }

    @Test
    void followsRedirectToTheRealServer() throws Exception {
        Stream source = liveSource("cam1");
        String target = "rtsp://127.0.0.1:" + server.port() + "/cam1";
        try (ScriptedRtspServer redirector = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r,
                "302 Found", "Location: " + target + "\r\n", ""))) {
            playAll(source, new SourceConfig(URI.create(redirector.url("/old")), null, null, Transport.TCP));
        }
    }

    @Test
    void autoFallsBackToTcpWhenUdpIsRefused() throws Exception {
        server.close();
        server = new RtspServer(new RtspServerConfig("127.0.0.1", 0, false, 0, 0, Duration.ofSeconds(60)),
                serverPaths, RtspAuthenticator.ALLOW_ALL, 1);
        server.start();
        Stream source = liveSource("cam1");
        URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/cam1");

        RecordingListener listener = playAll(source, new SourceConfig(url, null, null, Transport.AUTO));

        assertThat(listener.units).hasSize(units.size());
    }

    @Test
    void unknownPathIsNotFound() {
        RecordingListener listener = new RecordingListener();
        URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/nope");
        client.connect(new SourceConfig(url, null, null, Transport.TCP), listener, new SourceCounters());
        Await.until(WAIT, () -> listener.endReason != null, () -> "the attempt to end");
        assertThat(listener.endReason).isEqualTo("DESCRIBE refused: 404 Not Found");
    }

    @Test
    void sourceStoppingMidStreamEndsAttemptAndPathRetries() {
        Path cam = serverPaths.add("cam1", "cam1", null, true);
        SourceListener publisher = cam.acquirePublisher();
        Stream source = publisher.onReady(List.of(RtspTestMedia.h264Format(units)), sourceLoop);
        PathManager clientPaths = new PathManager(List.of(client), scheduler,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(40)));
        try {
            URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/cam1");
            Path remote = clientPaths.add("remote", "remote", new SourceConfig(url, null, null, Transport.TCP), true);
            Await.until(WAIT, () -> source.readerCount() == 1, () -> "the client to PLAY");
            sourceLoop.execute(() -> units.subList(0, 10).forEach(au -> source.publish(au.retain())));
            Await.until(WAIT, () -> remote.counters().frames() == 10, () -> remote.counters().frames() + " frames");

            publisher.onEnded("camera unplugged");

            Await.until(WAIT, () -> remote.status().reconnects() >= 1, () -> "the path to retry");
            assertThat(remote.status().lastError()).isIn("server closed the connection",
                    "DESCRIBE refused: 503 Service Unavailable");
        } finally {
            clientPaths.close();
        }
    }
}
