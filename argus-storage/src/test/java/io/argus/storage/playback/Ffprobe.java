package io.argus.storage.playback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** ffmpeg and ffprobe as child processes, for interop checks of what playback serves (shared by the test-jar). */
public final class Ffprobe {
    public static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    public static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    private Ffprobe() {
    }

    /** Skips the calling test when ffmpeg/ffprobe are not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(FFPROBE) && Files.isExecutable(FFMPEG),
                "ffmpeg and ffprobe are not installed at /usr/bin");
    }

    /** What a child process printed. */
    public record Output(String stdout, String stderr) {
    }

    /** Runs a command; returns its standard output; fails on a non-zero exit (with its standard error). */
    public static String run(List<String> command) throws IOException, InterruptedException {
        return exec(command).stdout();
    }

    /** Runs a command; returns what it printed; fails on a non-zero exit (with its standard error). */
    public static Output exec(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("argus-ff", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            String stderr = Files.readString(err);
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + ": " + command + "\n" + stderr);
            }
            return new Output(new String(out, StandardCharsets.UTF_8), stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** ffprobe {@code args} on {@code input} with JSON output. */
    public static String probe(String input, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(FFPROBE.toString(), "-v", "error", "-of", "json"));
        cmd.addAll(List.of(args));
        cmd.add(input);
        return run(cmd);
    }
}
