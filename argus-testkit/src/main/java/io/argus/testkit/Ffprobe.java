package io.argus.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system's ffprobe and ffmpeg as child processes, for interop checks of what Argus writes and serves (files,
 * HLS over HTTP, RTSP). Every module's tests probe media through this class; tests that need the tools call
 * {@link #assumeInstalled()} and are skipped where they are missing.
 */
public final class Ffprobe {
    public static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    public static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    /** A probe or decode of a test's media takes seconds; this only stops a hung child. */
    private static final long TIMEOUT_SECONDS = 120;
    private static final Pattern PROGRESS_FRAME = Pattern.compile("(?m)^frame=(\\d+)$");

    private Ffprobe() {
    }

    /** Skips the calling test when ffmpeg/ffprobe are not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(FFPROBE) && Files.isExecutable(FFMPEG),
                "ffmpeg and ffprobe are not installed at /usr/bin");
    }

    /** What a child process printed, and its exit status. */
    public record Output(int exit, String stdout, String stderr) {
        /** Standard output's non-blank lines, stripped. */
        public List<String> lines() {
            return stdout.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
        }
    }

    /** Runs a command to its end, whatever its exit status. */
    public static Output run(List<String> command) {
        try {
            Path err = Files.createTempFile("argus-ff", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command; fails on a non-zero exit (with its standard error). */
    public static Output exec(List<String> command) {
        Output out = run(command);
        if (out.exit() != 0) {
            throw new AssertionError("exit " + out.exit() + ": " + command + "\n" + out.stderr());
        }
        return out;
    }

    /** {@code ffprobe -v error args…}, which must succeed. */
    public static Output ffprobe(String... args) {
        return exec(command(FFPROBE, args));
    }

    /** {@code ffmpeg -nostdin -v error args…}, which must succeed. */
    public static Output ffmpeg(String... args) {
        List<String> cmd = command(FFMPEG, args);
        cmd.add(1, "-nostdin");
        return exec(cmd);
    }

    /** Where {@link #loopable} keeps its files for this JVM; deleted when it exits. */
    private static Path loopables;

    /**
     * A raw video sample ({@code .h264}/{@code .h265}, 25 fps) remuxed to Matroska, once per JVM: ffmpeg 5.1 cannot
     * seek back to the start of a raw input ("Seek to start failed"), so {@code -stream_loop -1} on one ends after
     * a single pass (4 s, with an error status) instead of publishing like a camera until it is stopped.
     */
    public static synchronized Path loopable(SampleMedia sample) {
        try {
            if (loopables == null) {
                Path dir = Files.createTempDirectory("argus-loopable-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = Files.list(dir)) {
                        for (Path f : files.toList()) {
                            Files.deleteIfExists(f);
                        }
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        System.err.println("could not delete " + dir + ": " + e);
                    }
                }));
                loopables = dir;
            }
            Path mkv = loopables.resolve(sample.fileName() + ".mkv");
            if (!Files.exists(mkv)) {
                String format = sample.fileName().endsWith(".h264") ? "h264" : "hevc";
                ffmpeg("-f", format, "-framerate", "25", "-i", sample.path().toString(), "-c", "copy",
                        mkv.toString());
            }
            return mkv;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code ffprobe args} on {@code input} with JSON output. */
    public static String probe(String input, String... args) {
        List<String> cmd = command(FFPROBE, "-of", "json");
        cmd.addAll(List.of(args));
        cmd.add(input);
        return exec(cmd).stdout();
    }

    /**
     * What ffprobe sees of one stream ({@code v:0}, {@code a:0}) in one decoding pass: its {@code key=value}
     * fields, frames counted, and the pts_time of every frame in output order.
     */
    public record Probe(Map<String, String> stream, List<String> framePts) {
    }

    public static Probe probeStream(Path file, String stream) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> pts = new ArrayList<>();
        for (String line : ffprobe("-count_frames", "-select_streams", stream, "-show_entries",
                "stream=codec_name,codec_tag_string,width,height,nb_read_frames,duration,"
                        + "sample_rate,channels:frame=pts_time",
                "-of", "default=noprint_wrappers=1", file.toString()).lines()) {
            int eq = line.indexOf('=');
            if (line.startsWith("pts_time=")) {
                pts.add(line.substring(eq + 1));
            } else if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Probe(fields, pts);
    }

    /** The format-level duration as ffprobe prints it ({@code 4.000000}). */
    public static String formatDuration(Path file) {
        return ffprobe("-show_entries", "format=duration", "-of", "csv=p=0", file.toString()).lines().get(0);
    }

    /** What a full decode prints at -v error: empty when every frame decodes cleanly. */
    public static List<String> decodeErrors(Path file) {
        return ffmpeg("-i", file.toString(), "-f", "null", "-").stderr().lines().filter(l -> !l.isBlank()).toList();
    }

    /** A decode of a URL's first video stream: the frames that came out, and what ffmpeg printed at -v error. */
    public record Decoded(long frames, String errors) {
    }

    /**
     * Decodes every picture of {@code url}'s first video stream (an HLS playlist, an MP4) as the API's bearer
     * {@code token} holder, without dropping or duplicating frames to a rate.
     */
    public static Decoded decode(String url, String token) {
        Output out = ffmpeg("-headers", "Authorization: Bearer " + token + "\r\n", "-i", url, "-map", "0:v:0",
                "-fps_mode", "passthrough", "-f", "null", "-", "-nostats", "-progress", "pipe:1");
        Matcher frames = PROGRESS_FRAME.matcher(out.stdout());
        long decoded = -1;
        while (frames.find()) {
            decoded = Long.parseLong(frames.group(1));
        }
        return new Decoded(decoded, out.stderr());
    }

    private static List<String> command(Path tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "-v", "error"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
