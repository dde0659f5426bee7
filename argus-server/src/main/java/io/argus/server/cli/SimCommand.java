package io.argus.server.cli;

import io.argus.sim.Simulator;
import io.argus.sim.onvif.OnvifSim;
import io.argus.sim.onvif.OnvifSimConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus sim}: N simulated RTSP cameras looping the bundled samples in real time. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Serve N simulated RTSP cameras (rtsp://HOST:PORT/cam1 … camN) looping the bundled 1080p "
                + "sample in real time; every frame carries its capture time in an SEI for latency measurement. With "
                + "--onvif each is an ONVIF device at http://HOST:ONVIF-PORT/onvif/camN/device_service too.")
final class SimCommand implements Callable<Integer> {
    /** Printed once every camera is up; the load bench waits for it. */
    static final String READY_LINE = "simulator ready";

    @Option(names = "--cameras", defaultValue = "4", description = "Number of cameras (default ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--port", defaultValue = "8555", description = "RTSP port (default ${DEFAULT-VALUE}; 0 = any).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--codec", defaultValue = "h264", description = "h264 or h265 (default ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--fps", defaultValue = "25", description = "Frames per second (default ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--no-udp", description = "Offer RTP over TCP only.")
    boolean noUdp;

    @Option(names = "--rtp-max-size", defaultValue = "" + Simulator.Config.DEFAULT_RTP_MAX_SIZE,
            description = "Largest RTP packet in bytes, header included, over TCP and UDP alike (default "
                    + "${DEFAULT-VALUE}, as cameras send).")
    int rtpMaxSize;

    @Option(names = "--people", defaultValue = "0", description = "How many of the cameras (the first ones) send "
            + "people walking across a square, for object detection; with any, the others send the same square "
            + "standing still instead of the test card (H.264 only; default ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--onvif", description = "Make every camera an ONVIF device too (device, media, media2, PTZ, "
            + "events, WS-Discovery), with a 640x360 sub-stream at camN/sub.")
    boolean onvif;

    @Option(names = "--onvif-port", defaultValue = "8580",
            description = "HTTP port of the ONVIF services (default ${DEFAULT-VALUE}; 0 = any).")
    int onvifPort;

    @Option(names = "--discovery-port", defaultValue = "3702", description = "UDP port answering WS-Discovery "
            + "probes (default ${DEFAULT-VALUE}, which also joins the multicast group; 0 = any; -1 = none).")
    int discoveryPort;

    @Option(names = "--onvif-user", defaultValue = "admin", description = "ONVIF account (default ${DEFAULT-VALUE}).")
    String onvifUser;

    @Option(names = "--onvif-password", defaultValue = "admin",
            description = "ONVIF password (default ${DEFAULT-VALUE}).")
    String onvifPassword;

    @Option(names = "--onvif-event-ms", defaultValue = "5000",
            description = "Milliseconds between each device's motion events (default ${DEFAULT-VALUE}).")
    long onvifEventMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Simulator.Config config;
        OnvifSimConfig onvifConfig;
        try {
            config = new Simulator.Config(cameras, host, port, Simulator.Config.codec(codec), fps, !noUdp, false,
                    rtpMaxSize, people);
            onvifConfig = onvif ? new OnvifSimConfig(host, onvifPort, discoveryPort, onvifUser, onvifPassword,
                    Duration.ofMillis(onvifEventMs), false, Duration.ZERO) : null;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("argus sim: " + e.getMessage());
            return ArgusCli.EXIT_USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Simulator sim = Simulator.start(config, onvifConfig)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sim-shutdown"));
            var out = spec.commandLine().getOut();
            if (sim.onvif().isPresent()) {
                OnvifSim o = sim.onvif().get();
                out.printf("onvif: %d devices at %s … %s (HTTP port %d), WS-Discovery on UDP port %d%n", cameras,
                        o.device(1).deviceService(), o.device(cameras).deviceService(), o.port(), o.discoveryPort());
            }
            out.printf("%s: %d %s cameras at %d fps, %s … %s%n", READY_LINE, cameras, codec, fps, sim.url(1),
                    sim.url(cameras));
            out.flush();
            stop.await();
        }
        return 0;
    }
}
