package io.argus.media.rtsp;

import io.argus.testkit.Await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.testkit.SampleMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GStreamer's gst-rtsp-server acting as a camera: the {@code gst-camera.c} test resource, compiled once per
 * test run into {@code target/}, serving a sample in a loop at 25 fps at {@link #MOUNT} on 127.0.0.1.
 * {@link #start} skips the calling test (an assumption) where gcc, pkg-config, libgstrtspserver-1.0-dev or
 * a GStreamer element the pipeline needs is missing. Shared through the test-jar with argus-server's end-to-end
 * tests of cameras with broken timestamps ({@code --timestamps=none}, {@code --timestamps=jump-back}).
 */
public final class GstRtspCamera implements AutoCloseable {

    public static final String MOUNT = "/cam";

    private static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final Pattern READY = Pattern.compile("READY (\\d+)");
    private static final List<String> ELEMENTS = List.of("multifilesrc", "h264parse", "h265parse", "rtph264pay",
            "rtph265pay");
    private static Path binary;
    private static String unavailable;

    private final ChildProcess process;
    private final int port;

    private GstRtspCamera(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The launch pipeline for a sample: its file parsed into access units, timestamped at 25 fps from the caps
     * and payloaded as {@code pay0}. The server's sinks sync on those timestamps, so frames leave at 25 fps.
     */
    static String pipeline(SampleMedia sample) {
        String codec = switch (sample) {
            case H264_360P25, H264_1080P25 -> "h264";
            case H265_360P25, H265_1080P25 -> "h265";
            default -> throw new IllegalArgumentException("not a video sample: " + sample);
        };
        return "( multifilesrc location=\"" + sample.path() + "\" loop=true caps=\"video/x-" + codec
                + ",stream-format=byte-stream,framerate=25/1\" ! " + codec + "parse ! rtp" + codec
                + "pay name=pay0 pt=96 config-interval=1 )";
    }

    /**
     * Starts a camera serving {@code sample} and waits until it listens.
     *
     * @param port    0 for a free port; a port a killed camera used, to bring it back
     * @param options gst-camera's: {@code --user=U --password=P} (Basic auth), {@code --session-timeout=S},
     *                {@code --timestamps=none|jump-back} (a camera whose RTP timestamps do not advance, or step back)
     */
    public static GstRtspCamera start(int port, SampleMedia sample, String... options) throws Exception {
        Path bin = binary();
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(Arrays.asList(options));
        command.addAll(List.of(Integer.toString(port), MOUNT, pipeline(sample)));
        ChildProcess p = ChildProcess.start(command);
        int[] bound = {0};
        try {
            Await.until(READY_WAIT, () -> {
                Matcher m = READY.matcher(output(p));
                if (m.find()) {
                    bound[0] = Integer.parseInt(m.group(1));
                }
                return bound[0] != 0 || !p.alive();
            }, () -> "gst-camera to listen: " + output(p));
            if (bound[0] == 0) {
                throw new AssertionError("gst-camera exited: " + output(p));
            }
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        return new GstRtspCamera(p, bound[0]);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "rtsp://127.0.0.1:" + port + MOUNT;
    }

    public String output() {
        return output(process);
    }

    /** Kills the server at once (SIGKILL), as a camera losing power. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws Exception {
        process.close();
    }

    private static String output(ChildProcess p) {
        try {
            return p.output();
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Compiles gst-camera.c on first use; skips the test with the reason where it cannot be built or run. */
    private static synchronized Path binary() throws Exception {
        if (binary == null && unavailable == null) {
            unavailable = build();
        }
        assumeTrue(unavailable == null, () -> unavailable);
        return binary;
    }

    private static String build() throws Exception {
        for (String tool : List.of("gcc", "pkg-config", "gst-inspect-1.0")) {
            if (!ChildProcess.installed(tool)) {
                return tool + " is not installed; the gst-rtsp-server interop tests need it";
            }
        }
        Result flags = run(List.of("pkg-config", "--cflags", "--libs", "gstreamer-rtsp-server-1.0"));
        if (flags.exit != 0) {
            return "libgstrtspserver-1.0-dev is not installed (pkg-config: " + flags.output.strip() + ")";
        }
        for (String element : ELEMENTS) {
            if (run(List.of("gst-inspect-1.0", "--exists", element)).exit != 0) {
                return "GStreamer element " + element + " is missing (gstreamer1.0-plugins-good/-bad)";
            }
        }
        Path out = Path.of("target", "gst-camera", "gst-camera").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path source = out.resolveSibling("gst-camera.c");
        try (InputStream in = GstRtspCamera.class.getResourceAsStream("gst-camera.c")) {
            if (in == null) {
                throw new IllegalStateException("test resource gst-camera.c is missing");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> gcc = new ArrayList<>(List.of("gcc", "-O1", "-o", out.toString(), source.toString()));
        gcc.addAll(Arrays.asList(flags.output.strip().split("\\s+")));
        Result compiled = run(gcc);
        if (compiled.exit != 0) {
            throw new AssertionError("gst-camera.c does not compile: " + compiled.output);
        }
        binary = out;
        return null;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
