package io.argus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The design most open-source VMSs use, for comparison: one {@code ffmpeg -c copy -f segment} process per camera
 * recording the same RTSP sources, measured from {@code /proc} like the server.
 */
final class FfmpegRecorders implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    /**
     * Starts one recorder per URL as {@code run}'s processes, writing one-minute segments under its
     * {@code data/ffmpeg/cam<i>}, each one's log in {@code ffmpeg-cam<i>.log} in the run folder.
     */
    static FfmpegRecorders start(BenchRun run, List<String> urls) throws IOException {
        FfmpegRecorders r = new FfmpegRecorders();
        try {
            for (int i = 0; i < urls.size(); i++) {
                Path out = run.dataDir("ffmpeg/cam" + (i + 1));
                r.processes.add(run.start(new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error",
                        "-rtsp_transport", "tcp", "-i", urls.get(i), "-c", "copy", "-f", "segment",
                        "-segment_time", "60", "-reset_timestamps", "1", out.resolve("%05d.mp4").toString())
                        .redirectErrorStream(true).redirectOutput(run.log("ffmpeg-cam" + (i + 1) + ".log").toFile())));
            }
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** Whether ffmpeg can be started here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** CPU time and resident memory of all the recorders together. */
    ProcessSample sample() throws IOException {
        long cpu = 0;
        long rss = 0;
        for (Process p : processes) {
            if (p.isAlive()) {
                ProcessSample s = ProcessSample.of(p.pid());
                cpu += s.cpuNanos();
                rss += s.rssBytes();
            }
        }
        return new ProcessSample(cpu, rss, System.nanoTime());
    }

    int alive() {
        return (int) processes.stream().filter(Process::isAlive).count();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
