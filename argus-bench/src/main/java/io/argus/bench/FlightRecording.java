package io.argus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A JDK Flight Recording of the server over the measurement window (started with {@code jcmd} {@link #SETTLE} before
 * it and dumped at its end, so start-up and most of the warm-up are not in it): Java execution samples, CPU-time samples (JDK 25+; native and kernel time
 * included, where execution samples see only threads in Java code) and allocation samples, for
 * {@code scripts/flamegraph.py}.
 */
final class FlightRecording {
    private static final String NAME = "argus-bench";
    /** How long before the window the recording starts: JFR compiles its own event code for a few seconds. */
    static final Duration SETTLE = Duration.ofSeconds(15);
    /**
     * The JDK's {@code profile} settings (execution samples every 10 ms, allocation samples) plus CPU-time samples
     * every 2 ms of a thread's CPU: a lightly loaded server has too few running threads for 10 ms samples alone.
     */
    private static final String[] SETTINGS = {"settings=profile", "jdk.CPUTimeSample#enabled=true",
        "jdk.CPUTimeSample#throttle=2ms"};

    private final long pid;
    private final Path file;

    private FlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts recording process {@code pid}, to be written to {@code file} by {@link #dump()}. */
    static FlightRecording start(long pid, Path file) throws IOException, InterruptedException {
        FlightRecording r = new FlightRecording(pid, file.toAbsolutePath());
        String[] start = new String[SETTINGS.length + 2];
        start[0] = "JFR.start";
        start[1] = "name=" + NAME;
        System.arraycopy(SETTINGS, 0, start, 2, SETTINGS.length);
        r.jcmd(start);
        return r;
    }

    /** Stops the recording and writes it to its file. */
    void dump() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + NAME, "filename=" + file);
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        String[] cmd = new String[command.length + 2];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        cmd[1] = Long.toString(pid);
        System.arraycopy(command, 0, cmd, 2, command.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Could not")) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
