package io.argus.media.rtsp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A peer program (ffmpeg, GStreamer) run by an interop test, output captured to a temporary file. */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public static ChildProcess start(List<String> command) throws IOException {
        Path log = Files.createTempFile("argus-interop", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildProcess(p, log);
    }

    /** Waits for exit; returns the exit code, or -1 if it ran past {@code timeout} (it is then killed). */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills it at once (SIGKILL), as a camera losing power; its sockets are closed by the kernel. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(log);
    }
}
