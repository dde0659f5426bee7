package io.argus.media.codec.format.fmp4;

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

/** Runs the system's ffprobe and ffmpeg on a file; tests that need them are skipped where they are missing. */
final class Ffprobe {

    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    /** A probe or decode of a 4 s sample takes well under a second; this only stops a hung child. */
    private static final long TIMEOUT_SECONDS = 60;

    private Ffprobe() {
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(FFPROBE) && Files.isExecutable(FFMPEG), "ffprobe/ffmpeg not installed");
    }

    /**
     * What ffprobe sees of one stream ({@code v:0}, {@code a:0}) in one decoding pass: its {@code key=value}
     * fields, frames counted, and the pts_time of every frame in output order.
     */
    record Probe(Map<String, String> stream, List<String> framePts) {
    }

    static Probe probe(Path file, String stream) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> pts = new ArrayList<>();
        for (String line : run(FFPROBE.toString(), "-v", "error", "-count_frames", "-select_streams", stream,
                "-show_entries", "stream=codec_name,codec_tag_string,width,height,nb_read_frames,duration,"
                        + "sample_rate,channels:frame=pts_time",
                "-of", "default=noprint_wrappers=1", file.toString())) {
            int eq = line.indexOf('=');
            if (line.startsWith("pts_time=")) {
                pts.add(line.substring(eq + 1));
            } else if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Probe(fields, pts);
    }

    /** The format-level duration. */
    static String formatDuration(Path file) {
        return run(FFPROBE.toString(), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).get(0);
    }

    /** What a full decode prints at -v error: empty when every frame decodes cleanly. */
    static List<String> decodeErrors(Path file) {
        return run(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-f", "null", "-");
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
