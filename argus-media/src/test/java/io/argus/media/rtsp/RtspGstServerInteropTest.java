package io.argus.media.rtsp;

import io.argus.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.media.codec.AccessUnit;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.PathState;
import io.argus.media.path.PathStatus;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client (through a {@link PathManager}, as the server runs it) pulls from GStreamer's gst-rtsp-server
 * acting as a camera; skipped where gcc, pkg-config or libgstrtspserver-1.0-dev is missing.
 */
@Interop
class RtspGstServerInteropTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    /** The samples have an IDR every 50 frames. */
    static final int GOP = 50;
    /** Long enough that a test sees each failed attempt's reason before the next attempt replaces it. */
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofMillis(400));

    ScheduledExecutorService scheduler;
    RtspClient client;
    PathManager paths;
    final List<GstRtspCamera> cameras = new ArrayList<>();

    @BeforeEach
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        client = new RtspClient(RtspClientConfig.DEFAULT, 1);
        paths = new PathManager(List.of(client), scheduler, BACKOFF);
    }

    @AfterEach
    void stop() throws Exception {
        paths.close();
        client.close();
        for (GstRtspCamera c : cameras) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    GstRtspCamera camera(int port, SampleMedia sample, String... options) throws Exception {
        GstRtspCamera c = GstRtspCamera.start(port, sample, options);
        cameras.add(c);
        return c;
    }

    /** Every unit of every live stream of a path, in arrival order (content kept, buffers released). */
    static final class Frames implements Consumer<Stream> {
        final List<RecordingListener.Received> units = new CopyOnWriteArrayList<>();

        @Override
        public void accept(Stream stream) {
            stream.attach(new StreamConsumer() {
                @Override
                public void onAccessUnit(AccessUnit au) {
                    try {
                        units.add(new RecordingListener.Received(au.track(), au.pts(), au.keyframe(),
                                RtspTestMedia.content(au)));
                    } finally {
                        au.release();
                    }
                }
            }, Runnable::run, Stream.DEFAULT_READER_QUEUE);
        }
    }

    Path pull(GstRtspCamera camera, Transport transport, String user, String password, Frames frames) {
        return pull("cam", camera, transport, user, password, frames);
    }

    Path pull(String name, GstRtspCamera camera, Transport transport, String user, String password,
              Frames frames) {
        Path path = paths.add(name, name, new SourceConfig(URI.create(camera.url()), user, password, transport),
                true);
        if (frames != null) {
            path.onStream(frames);
        }
        return path;
    }

    static String describe(Path path, GstRtspCamera camera) {
        PathStatus s = path.status();
        return s.state().apiName() + ", " + s.frames() + " frames, last error " + s.lastError() + ", camera says: "
                + camera.output();
    }

    static void awaitFrames(Path path, Frames frames, GstRtspCamera camera, int n) {
        Await.until(WAIT, () -> frames.units.size() >= n, () -> n + " frames (" + frames.units.size()
                + " recorded; " + describe(path, camera) + ")");
    }

    /** Frames are consecutive at 25 fps, with a keyframe exactly every {@link #GOP} frames. */
    static void assertCadence(List<RecordingListener.Received> units) {
        assertThat(units.get(0).keyframe()).as("the first unit (a reader starts on a keyframe)").isTrue();
        for (int i = 1; i < units.size(); i++) {
            assertThat(units.get(i).pts() - units.get(i - 1).pts()).as("pts step before unit %d", i)
                    .isEqualTo(RtspTestMedia.FRAME_TICKS);
            assertThat(units.get(i).keyframe()).as("keyframe flag of unit %d", i).isEqualTo(i % GOP == 0);
        }
    }

    /**
     * The content without parameter sets: rtph264pay (config-interval=1) repeats SPS and PPS before each IDR
     * after the sample's own, so the units carry them twice. The parameter sets are checked through the status
     * (profile, size) instead.
     */
    static byte[] slices(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 4 <= content.length;) {
            int len = ((content[i] & 0xff) << 24) | ((content[i + 1] & 0xff) << 16) | ((content[i + 2] & 0xff) << 8)
                    | (content[i + 3] & 0xff);
            int type = content[i + 4] & 0x1f;
            if (type != 7 && type != 8) {
                out.write(content, i, 4 + len);
            }
            i += 4 + len;
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pullsH264(Transport transport) throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25);
        Frames frames = new Frames();
        Path path = pull(camera, transport, null, null, frames);

        awaitFrames(path, frames, camera, GOP + 5); // the second keyframe too

        List<RecordingListener.Received> units = List.copyOf(frames.units);
        assertCadence(units);
        List<AccessUnit> sample = RtspTestMedia.h264Units();
        try {
            int first = -1;
            for (int i = 0; i < sample.size() && first < 0; i++) {
                if (Arrays.equals(slices(RtspTestMedia.content(sample.get(i))), slices(units.get(0).content()))) {
                    first = i;
                }
            }
            assertThat(first).as("the first unit is one of the sample's").isNotNegative();
            for (int i = 0; i < units.size(); i++) {
                assertThat(slices(units.get(i).content())).as("content of unit %d", i)
                        .isEqualTo(slices(RtspTestMedia.content(sample.get((first + i) % sample.size()))));
            }
        } finally {
            sample.forEach(AccessUnit::release);
        }
        PathStatus status = path.status();
        assertThat(status.state()).isEqualTo(PathState.LIVE);
        assertThat(status.codec()).isEqualTo("H264");
        assertThat(status.profile()).isEqualTo("Main");
        assertThat(status.width()).isEqualTo(640);
        assertThat(status.height()).isEqualTo(360);
        assertThat(status.packetsLost()).isZero();
        assertThat(status.packetsInvalid()).isZero();
        assertThat(status.reconnects()).isZero();
        assertThat(status.timestampFault()).as("a camera with good timestamps keeps them").isNull();
        assertThat(status.framesRetimed()).isZero();
    }

    /**
     * A camera whose RTP timestamps do not advance (rtph264pay fed a raw .h264 file) or step back (a clock reset
     * every 3 s): its frames get arrival times, increasing on an even cadence at the pace they arrive, and the
     * status says why.
     */
    @ParameterizedTest
    @CsvSource({"none, do not advance", "jump-back, jumped back 1.960 s"})
    void brokenTimestampsAreReplacedByArrivalTimes(String timestamps, String reason) throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25, "--timestamps=" + timestamps);
        List<long[]> arrived = new CopyOnWriteArrayList<>();
        Path path = pull(camera, Transport.TCP, null, null, null);
        path.onStream(stream -> stream.attach(new StreamConsumer() {
            @Override
            public void onAccessUnit(AccessUnit au) {
                arrived.add(new long[] {au.pts(), au.receivedNanos()});
                au.release();
            }
        }, Runnable::run, Stream.DEFAULT_READER_QUEUE));

        Await.until(WAIT, () -> arrived.size() >= 3 * GOP, () -> "6 s of frames: the jump back comes at 3 s");

        List<long[]> units = List.copyOf(arrived);
        Map<Long, Integer> steps = new TreeMap<>();
        for (int i = 1; i < units.size(); i++) {
            long step = units.get(i)[0] - units.get(i - 1)[0];
            assertThat(step).as("pts step before unit %d", i).isPositive();
            steps.merge(step, 1, Integer::sum);
        }
        int even = Collections.max(steps.values());
        assertThat(even).as("the commonest step, of %s", steps).isGreaterThan(units.size() / 2);
        double ptsSeconds = (units.get(units.size() - 1)[0] - units.get(0)[0]) / 90_000.0;
        double arrivalSeconds = (units.get(units.size() - 1)[1] - units.get(0)[1]) / 1e9;
        assertThat(ptsSeconds).as("on the arrival clock").isCloseTo(arrivalSeconds, within(0.1 * arrivalSeconds));
        PathStatus status = path.status();
        assertThat(status.timestampFault()).contains("track 0 (H264)").contains(reason);
        assertThat(status.framesRetimed()).isPositive();
        assertThat(status.packetsLost()).isZero();
    }

    @Test
    void pullsH265OverTcp() throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H265_360P25);
        Frames frames = new Frames();
        Path path = pull(camera, Transport.TCP, null, null, frames);

        awaitFrames(path, frames, camera, GOP + 5);

        assertCadence(List.copyOf(frames.units));
        PathStatus status = path.status();
        assertThat(status.state()).isEqualTo(PathState.LIVE);
        assertThat(status.codec()).isEqualTo("H265");
        assertThat(status.width()).isEqualTo(640);
        assertThat(status.height()).isEqualTo(360);
        assertThat(status.packetsLost()).isZero();
        assertThat(status.packetsInvalid()).isZero();
    }

    @Test
    void basicAuthWithTheRightCredentialsGoesLive() throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25, "--user=admin", "--password=s3cret");
        Path path = pull(camera, Transport.TCP, "admin", "s3cret", null);

        Await.until(WAIT, () -> path.counters().frames() >= 5, () -> describe(path, camera));

        assertThat(path.status().state()).isEqualTo(PathState.LIVE);
    }

    @Test
    void basicAuthWithWrongCredentialsEndsTheAttempt() throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25, "--user=admin", "--password=s3cret");
        Path path = pull(camera, Transport.TCP, "admin", "wrong", null);

        Await.until(WAIT, () -> path.status().lastError() != null, () -> describe(path, camera));

        assertThat(path.status().lastError()).contains("401").contains("wrong credentials");
        assertThat(path.counters().frames()).isZero();
    }

    @Test
    void reconnectsWhenTheCameraComesBack() throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25);
        Path path = pull(camera, Transport.TCP, null, null, null);
        Await.until(WAIT, () -> path.counters().frames() >= 5, () -> describe(path, camera));

        camera.kill();

        Await.until(WAIT, () -> path.status().reconnects() >= 1, () -> describe(path, camera));
        assertThat(path.status().lastError()).isEqualTo("server closed the connection");
        Await.until(WAIT, () -> path.status().reconnects() >= 2 && path.status().state() == PathState.RETRYING,
                () -> "a retry while the camera is down: " + describe(path, camera));
        assertThat(path.status().lastError()).isEqualTo("connection refused");
        assertThat(path.stream()).isNull();
        long before = path.counters().frames();

        GstRtspCamera back = camera(camera.port(), SampleMedia.H264_360P25);

        Await.until(WAIT, () -> path.status().state() == PathState.LIVE && path.counters().frames() >= before + 5,
                () -> describe(path, back));
        assertThat(path.status().reconnects()).isPositive();
        assertThat(path.status().width()).isEqualTo(640);
    }

    /**
     * gst-rtsp-server ends a UDP session when no request (or RTCP) arrives within its timeout (here 2 s, sooner
     * than our 5 s receiver reports); our keep-alives, every half timeout, hold it across two timeouts. Over TCP
     * it keeps a session alive while it sends, so only UDP can show a missing keep-alive.
     */
    @Test
    void keepAlivesHoldAShortUdpSession() throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25, "--session-timeout=2");
        Path path = pull(camera, Transport.UDP, null, null, null);
        Await.until(WAIT, () -> path.counters().frames() >= 5, () -> describe(path, camera));
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();

        Await.until(WAIT, () -> System.nanoTime() > deadline || path.status().reconnects() > 0,
                () -> describe(path, camera));

        assertThat(path.status().reconnects()).as(describe(path, camera)).isZero();
        assertThat(path.status().state()).isEqualTo(PathState.LIVE);
        assertThat(path.counters().frames()).isGreaterThan(5 + 3 * 25);
    }

    /**
     * A camera is already streaming when we connect (one shared pipeline), so the first packets are in the
     * middle of a GOP: readers still start on a keyframe.
     */
    @Test
    void joiningMidGopReadersStartOnAKeyframe() throws Exception {
        GstRtspCamera camera = camera(0, SampleMedia.H264_360P25, "--shared");
        Path first = pull("first", camera, Transport.TCP, null, null, null);
        Await.until(WAIT, () -> first.counters().frames() >= 10, () -> describe(first, camera));
        Frames frames = new Frames();

        Path path = pull(camera, Transport.TCP, null, null, frames);

        awaitFrames(path, frames, camera, 5);
        assertThat(path.counters().frames() - frames.units.size()).as("frames received before the first keyframe")
                .isPositive();
        assertCadence(List.copyOf(frames.units));
        assertThat(path.status().width()).isEqualTo(640);
    }
}
