package io.argus.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One bench run's folder and child processes. The folder ({@code argus-bench-<n>}) holds the logs; everything
 * the run records (the server's data directory, the ffmpeg recorders' files) goes under its {@code data}
 * subfolder, which is deleted when the run ends, unless kept: normally, on failure, and on SIGINT/SIGTERM (a
 * shutdown hook), each time after the child processes that write there have stopped.
 */
public final class BenchRun implements AutoCloseable {
    /**
     * How long the child processes get to stop after SIGTERM before they are killed: time for the server to close
     * its recordings and database; past it a process is killed, so that nothing writes into the folder being
     * deleted.
     */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Path folder;
    private final Path data;
    private final boolean keep;
    private final PrintWriter out;
    private final Thread hook = new Thread(() -> end(true), "argus-bench-cleanup");
    private final List<Process> processes = new ArrayList<>();
    /** Guarded by {@code this}: once true, nothing more is started or made, and the cleanup has run. */
    private boolean ended;

    private BenchRun(Path folder, boolean keep, PrintWriter out) {
        this.folder = folder;
        this.data = folder.resolve("data");
        this.keep = keep;
        this.out = out;
    }

    /**
     * Makes a new run folder in {@code parent} if the run fits there, and arms the cleanup.
     *
     * @throws IllegalArgumentException when the file system has less free space than {@code need}
     */
    public static BenchRun open(Path parent, DiskEstimate need, boolean keep, PrintWriter out) throws IOException {
        need.requireRoomIn(parent);
        Path folder = Files.createTempDirectory(Files.createDirectories(parent), "argus-bench-");
        BenchRun run = new BenchRun(folder, keep, out);
        Runtime.getRuntime().addShutdownHook(run.hook);
        out.printf("run folder %s (needs about %s, %s free); its data/ is %s when the run ends%n", folder,
                Bytes.human(need.bytes()), Bytes.human(DiskEstimate.freeBytes(folder)),
                keep ? "kept (--keep)" : "deleted");
        out.flush();
        return run;
    }

    /** Where runs go without {@code --work-dir}: {@code $TMPDIR} as other Unix programs use it, else the JVM's. */
    public static Path defaultParent() {
        String tmpdir = System.getenv("TMPDIR");
        return Path.of(tmpdir != null && !tmpdir.isBlank() ? tmpdir : System.getProperty("java.io.tmpdir"));
    }

    /** A log file in the run folder (kept). */
    Path log(String name) {
        return folder.resolve(name);
    }

    /** Makes a folder under {@code data} (deleted at the end); refused once the run has ended. */
    synchronized Path dataDir(String name) throws IOException {
        requireRunning();
        return Files.createDirectories(data.resolve(name));
    }

    /** Starts a child process that the end of the run stops; refused once the run has ended. */
    synchronized Process start(ProcessBuilder pb) throws IOException {
        requireRunning();
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void requireRunning() {
        if (ended) {
            throw new IllegalStateException("the bench run has ended (interrupted)");
        }
    }

    @Override
    public void close() {
        end(false);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, so the hook has run end() or is running it; nothing is left to undo.
        }
    }

    private synchronized void end(boolean interrupted) {
        if (ended) {
            return;
        }
        ended = true;
        if (interrupted) {
            out.printf("%ninterrupted: stopping %d child processes%n", processes.stream().filter(Process::isAlive)
                    .count());
            out.flush();
        }
        stopProcesses();
        out.println("logs: " + folder);
        if (keep) {
            out.println("kept " + Bytes.humanAndExact(FolderTree.size(data)) + " of recordings and server data in "
                    + data + " (--keep)");
        } else {
            FolderTree.Deleted d = FolderTree.delete(data);
            out.println("deleted " + Bytes.humanAndExact(d.bytes()) + " of recordings and server data (" + data
                    + ")");
            if (!d.failures().isEmpty()) {
                out.println("could not delete " + d.failures().size() + " of them; the first: "
                        + d.failures().get(0));
            }
        }
        out.flush();
    }

    private void stopProcesses() {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_GRACE_NANOS;
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(STOP_GRACE_NANOS, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
