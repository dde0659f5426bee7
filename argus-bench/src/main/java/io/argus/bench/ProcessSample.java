package io.argus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux {@code /proc/<pid>/stat} and {@code status}.
 *
 * @param cpuNanos user + system CPU time the process has used
 * @param rssBytes resident set size
 * @param atNanos  {@link System#nanoTime()} of the reading
 */
public record ProcessSample(long cpuNanos, long rssBytes, long atNanos) {

    /** USER_HZ on Linux x86-64 and arm64; /proc reports CPU times in these ticks. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public static ProcessSample of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long rssKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new ProcessSample(ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND, rssKb * 1024, System.nanoTime());
    }

    /** CPU used between {@code earlier} and this sample, as a fraction of one core. */
    public double coresSince(ProcessSample earlier) {
        return (double) (cpuNanos - earlier.cpuNanos) / (atNanos - earlier.atNanos);
    }
}
