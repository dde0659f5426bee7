package io.argus.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on this JVM's own java binary and classpath, for the tests that end a process the way a crash or an
 * operator does ({@code kill -9}, {@code kill -TERM}) and look at what it left. Its standard output and error are
 * read line by line by a thread, so a test can wait for a line with a deadline and read everything it printed.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), WriterMain.class.getName(), dir.toString())) {
 *     child.await(l -> l.startsWith("SYNCED "), Duration.ofSeconds(30));
 *     assertThat(child.kill()).isEqualTo(ChildJvm.EXIT_SIGKILL);
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    /** Exit status of a JVM ended by a signal: 128 + the signal's number. */
    public static final int EXIT_SIGKILL = 128 + 9;
    public static final int EXIT_SIGTERM = 128 + 15;
    /** How long an ended child may take to be reaped and its output read to the end. */
    private static final Duration END = Duration.ofSeconds(60);

    private final Process process;
    private final Thread reader;
    /** Every line printed so far, in order; guarded by itself. */
    private final List<String> output = new ArrayList<>();
    private int awaited;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-jvm-output").start(this::read);
    }

    /** {@code java jvmArgs… -cp <this classpath> mainClass args…}, its standard error merged into its output. */
    public static ChildJvm start(List<String> jvmArgs, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader r = process.inputReader()) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                synchronized (output) {
                    output.add(l);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // The child died: its output ends here, and a wait for a line it never printed times out.
        } finally {
            synchronized (output) {
                output.notifyAll();
            }
        }
    }

    /**
     * Waits for the next line (after the last one a previous call returned) that {@code wanted} accepts and returns
     * it; fails when the output ends or {@code timeout} passes first, with everything the child printed.
     */
    public String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                for (; awaited < output.size(); awaited++) {
                    if (wanted.test(output.get(awaited))) {
                        return output.get(awaited++);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    throw new AssertionError("the child did not print the awaited line in " + timeout + " (alive: "
                            + process.isAlive() + "); its output:\n" + String.join("\n", output));
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
        }
    }

    /** Every line printed so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** {@code kill -9}, then the output read to its end: returns the exit status. */
    public int kill() throws InterruptedException {
        // Through the handle: Process.destroy* would also close our end of the pipe, losing what it printed last.
        process.toHandle().destroyForcibly();
        return exitStatus();
    }

    /**
     * {@code kill -TERM} (a planned stop: the JVM runs its shutdown hooks), then the output read to its end,
     * shutdown hooks' lines included: returns the exit status.
     */
    public int terminate() throws InterruptedException {
        process.toHandle().destroy();
        return exitStatus();
    }

    private int exitStatus() throws InterruptedException {
        if (!process.waitFor(END.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not end in " + END);
        }
        reader.join(END);
        if (reader.isAlive()) {
            throw new AssertionError("the child's output was not read to its end in " + END);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
