package io.argus.sim;

import io.argus.media.codec.Codec;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.sim.onvif.OnvifSim;
import io.argus.sim.onvif.OnvifSimConfig;
import io.argus.sim.onvif.SimOnvifDevice;
import io.argus.sim.samples.SimSample;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N simulated RTSP cameras at {@code rtsp://host:port/cam1 … camN}, each looping the bundled 1080p sample in
 * real time with capture-time SEI. Start with {@link #start(Config)}, stop with {@link #close()}. With ONVIF
 * ({@link #start(Config, OnvifSimConfig)}) each camera also has a 640x360 sub-stream at {@code cam<i>/sub} and is an
 * ONVIF device whose main and sub profiles point at the two streams; once its PTZ head moves, both streams show the
 * head's view of a synthetic scene ({@link SimPtzView}) and its snapshot URI serves that view as a JPEG.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    /**
     * How often the PTZ heads are read. A move shows within this plus one frame; a continuous move draws a new view
     * at most this often (each is an IDR of raw samples: 3.1 MB at 1080p, so 4 a second is 100 Mbit/s while moving).
     */
    static final Duration PTZ_POLL = Duration.ofMillis(250);

    /**
     * @param cameras how many cameras (1..10 000)
     * @param host    bind address of the RTSP server
     * @param port    RTSP port (0 picks a free one)
     * @param codec   H264 or H265
     * @param fps     frames per second each camera sends (the sample's frames are re-timed to it)
     * @param udp     whether the cameras also offer RTP over UDP
     * @param small   whether the cameras send the 640x360 sample (a camera's sub-stream, as a 16-tile wall
     *                shows) instead of the 1080p one
     * @param rtpMaxSize largest RTP packet (header included) the cameras send, over TCP and UDP alike
     * @param people  how many of the cameras (the first ones) send people walking across a square
     *                ({@link SimSample#H264_PEOPLE_576P25}, H.264 only) instead of the test card: something for
     *                object detection to find. With any, the other cameras send the same square standing still
     *                ({@link SimSample#H264_STILL_576P25}): a site where people pass some cameras and not others
     */
    public record Config(int cameras, String host, int port, Codec codec, int fps, boolean udp, boolean small,
                         int rtpMaxSize, int people) {
        /**
         * RTP packets of at most 1400 bytes over TCP and UDP alike, as cameras send them (GStreamer's
         * {@code rtph264pay} and ffmpeg default to it, and camera firmware to 1400–1500 bytes), so that whatever
         * reads the simulator sees as many packets as on a real site.
         */
        public static final int DEFAULT_RTP_MAX_SIZE = RtspServerConfig.DEFAULT_UDP_RTP_MAX_SIZE;

        /** Cameras sending the 1080p sample. */
        public Config(int cameras, String host, int port, Codec codec, int fps, boolean udp) {
            this(cameras, host, port, codec, fps, udp, false);
        }

        /** Cameras sending camera-sized RTP packets ({@value #DEFAULT_RTP_MAX_SIZE} bytes). */
        public Config(int cameras, String host, int port, Codec codec, int fps, boolean udp, boolean small) {
            this(cameras, host, port, codec, fps, udp, small, DEFAULT_RTP_MAX_SIZE);
        }

        /** Cameras sending the test card. */
        public Config(int cameras, String host, int port, Codec codec, int fps, boolean udp, boolean small,
                      int rtpMaxSize) {
            this(cameras, host, port, codec, fps, udp, small, rtpMaxSize, 0);
        }

        public Config {
            if (people < 0 || people > cameras) {
                throw new IllegalArgumentException("people must be 0.." + cameras + " cameras: " + people);
            }
            if (people > 0 && codec != Codec.H264) {
                throw new IllegalArgumentException("the people sample is H.264: it cannot be sent as " + codec);
            }
            if (cameras < 1 || cameras > 10_000) {
                throw new IllegalArgumentException("cameras must be 1..10000: " + cameras);
            }
            if (codec != Codec.H264 && codec != Codec.H265) {
                throw new IllegalArgumentException("the simulator sends H264 or H265, not " + codec);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be 1..120: " + fps);
            }
            if (rtpMaxSize < RtspServerConfig.MIN_RTP_SIZE || rtpMaxSize > RtspServerConfig.MAX_RTP_SIZE) {
                throw new IllegalArgumentException("RTP packet size must be " + RtspServerConfig.MIN_RTP_SIZE
                        + ".." + RtspServerConfig.MAX_RTP_SIZE + ": " + rtpMaxSize);
            }
        }

        /** The same, with the first {@code n} cameras sending people walking. */
        public Config withPeople(int n) {
            return new Config(cameras, host, port, codec, fps, udp, small, rtpMaxSize, n);
        }

        /** Parses {@code h264} / {@code h265} (any case). */
        public static Codec codec(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "h264", "avc" -> Codec.H264;
                case "h265", "hevc" -> Codec.H265;
                default -> throw new IllegalArgumentException("codec must be h264 or h265: " + name);
            };
        }
    }

    private final Config config;
    private final ScheduledExecutorService scheduler;
    private final PathManager paths;
    private final RtspServer server;
    /** The RTSP server's connection loops: the cameras publish on them, so most readers are drained in place. */
    private final EventLoopGroup cameraLoops;
    private final SampleLoop sample;
    /** The people sample; null when no camera sends it (then {@link #sample} is the still square's). */
    private final SampleLoop peopleSample;
    private SampleLoop subSample;
    private OnvifSim onvif;
    /** One per ONVIF device, set once they all exist (snapshot requests may come before). */
    private volatile List<SimPtzView> views = List.of();
    private ScheduledExecutorService ptzPoller;
    private final List<SimCamera> cameras = new ArrayList<>();
    private final Map<EventLoop, SimTicker> tickers = new LinkedHashMap<>();

    private Simulator(Config config) {
        this.config = config;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("sim-control"));
        this.paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT, false);
        this.server = new RtspServer(new RtspServerConfig(config.host(), config.port(), config.udp(), 0, 0,
                Duration.ofSeconds(60)).withRtpMaxSize(config.rtpMaxSize()), paths, RtspAuthenticator.ALLOW_ALL, 0);
        this.cameraLoops = server.workers();
        SimSample media = config.people() > 0 ? SimSample.H264_STILL_576P25 : config.codec() == Codec.H264
                ? (config.small() ? SimSample.H264_360P25 : SimSample.H264_1080P25)
                : (config.small() ? SimSample.H265_360P25 : SimSample.H265_1080P25);
        this.sample = SampleLoop.load(media, config.codec());
        this.peopleSample = config.people() > 0 ? SampleLoop.load(SimSample.H264_PEOPLE_576P25, Codec.H264) : null;
    }

    public static Simulator start(Config config) throws IOException {
        return start(config, null);
    }

    /** Cameras that are ONVIF devices too when {@code onvifConfig} is not null. */
    public static Simulator start(Config config, OnvifSimConfig onvifConfig) throws IOException {
        Simulator sim = new Simulator(config);
        try {
            sim.server.start();
            // Real cameras are not in step: spreading the starts over one pass of the sample puts each camera at
            // a different point of its GOP, as on a real site (in step, every GOP cache would peak at once).
            long loop = TimeUnit.SECONDS.toNanos(1) * sim.sample.size() / config.fps();
            for (int i = 1; i <= config.cameras(); i++) {
                Path path = sim.paths.add("cam" + i, "cam" + i, null, true);
                SimTicker ticker = sim.tickers.computeIfAbsent(sim.cameraLoops.next(), SimTicker::new);
                SimCamera cam = new SimCamera(path, i <= config.people() ? sim.peopleSample : sim.sample,
                        config.fps(), ticker.loop(), PooledByteBufAllocator.DEFAULT);
                sim.cameras.add(cam);
                cam.start(loop * (i - 1) / config.cameras());
                ticker.add(cam);
            }
            if (onvifConfig != null) {
                sim.startOnvif(onvifConfig, loop);
            }
            sim.tickers.values().forEach(SimTicker::start);
            return sim;
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private void startOnvif(OnvifSimConfig onvifConfig, long loop) throws IOException {
        SimSample small = config.codec() == Codec.H264 ? SimSample.H264_360P25 : SimSample.H265_360P25;
        SimSample main = config.small() ? small
                : config.codec() == Codec.H264 ? SimSample.H264_1080P25 : SimSample.H265_1080P25;
        subSample = SampleLoop.load(small, config.codec());
        List<SimCamera> subs = new ArrayList<>();
        for (int i = 1; i <= config.cameras(); i++) {
            Path path = paths.add("cam" + i + "/sub", "cam" + i + "/sub", null, true);
            SimTicker ticker = tickers.computeIfAbsent(cameraLoops.next(), SimTicker::new);
            SimCamera cam = new SimCamera(path, subSample, config.fps(), ticker.loop(), PooledByteBufAllocator.DEFAULT);
            cameras.add(cam);
            subs.add(cam);
            cam.start(loop * (i - 1) / config.cameras());
            ticker.add(cam);
        }
        String encoding = config.codec() == Codec.H264 ? "H264" : "H265";
        onvif = OnvifSim.start(onvifConfig, config.cameras(), i -> List.of(
                new SimOnvifDevice.Profile("main", "main", java.net.URI.create(url(i)), encoding, main.width(),
                        main.height(), config.fps()),
                new SimOnvifDevice.Profile("sub", "sub", java.net.URI.create(subUrl(i)), encoding, small.width(),
                        small.height(), config.fps())), this::snapshot);
        List<SimPtzView> all = new ArrayList<>();
        for (int i = 1; i <= config.cameras(); i++) {
            all.add(new SimPtzView(onvif.device(i).ptz(), cameras.get(i - 1), main, subs.get(i - 1), small,
                    config.codec() == Codec.H264));
        }
        views = List.copyOf(all);
        ptzPoller = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("sim-ptz", true));
        ptzPoller.scheduleWithFixedDelay(this::pollPtz, 0, PTZ_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollPtz() {
        Instant now = Instant.now();
        for (SimPtzView v : views) {
            try {
                v.poll(now);
            } catch (RuntimeException e) {
                LOG.warn("could not draw the PTZ view of a simulated camera", e);
            }
        }
    }

    private Optional<byte[]> snapshot(int device, String profile) {
        List<SimPtzView> v = views;
        return device >= 1 && device <= v.size() ? v.get(device - 1).snapshot(profile) : Optional.empty();
    }

    /** The ONVIF devices, when started with ONVIF. */
    public Optional<OnvifSim> onvif() {
        return Optional.ofNullable(onvif);
    }

    /** The URL of camera {@code i}'s sub-stream (only with ONVIF). */
    public String subUrl(int i) {
        return url(i) + "/sub";
    }

    public int port() {
        return server.port();
    }

    /** The URL of camera {@code i} (1-based). */
    public String url(int i) {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "rtsp://" + host + ":" + port() + "/cam" + i;
    }

    public int cameras() {
        return config.cameras();
    }

    /** Frames sent by all cameras so far. */
    public long framesSent() {
        long n = 0;
        for (SimCamera c : cameras) {
            n += c.framesSent();
        }
        return n;
    }

    @Override
    public void close() {
        if (ptzPoller != null) {
            ptzPoller.shutdownNow();
            try {
                ptzPoller.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (onvif != null) {
            onvif.close();
        }
        tickers.values().forEach(SimTicker::close);
        cameras.forEach(SimCamera::close);
        server.close();
        paths.close();
        scheduler.shutdownNow();
        sample.close();
        if (peopleSample != null) {
            peopleSample.close();
        }
        if (subSample != null) {
            subSample.close();
        }
    }
}
