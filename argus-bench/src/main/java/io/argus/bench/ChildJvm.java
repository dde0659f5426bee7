package io.argus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A child JVM running one Argus command ({@code server}, {@code sim}) from this JVM's own classpath, with its
 * output copied to a log file and watched for a ready line.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    /** True once the ready line was printed; false if the output ended (the child died) before it. */
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts it as one of {@code run}'s processes, its output in {@code <name>.log} in the run folder. */
    static ChildJvm start(BenchRun run, String name, String mainClass, List<String> jvmArgs, List<String> args,
                          Map<String, String> env, Predicate<String> readyLine) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The child gets the bench's settings only: an operator's ARGUS_* variables (another recording directory,
        // a production database) would take the run's data out of the run folder, or put the bench into a node.
        pb.environment().keySet().removeIf(k -> k.startsWith("ARGUS_"));
        pb.environment().putAll(env);
        ChildJvm child = new ChildJvm(run.start(pb));
        Path log = run.log(name + ".log");
        Thread pump = new Thread(() -> child.pump(log, readyLine), name + "-output");
        pump.setDaemon(true);
        pump.start();
        return child;
    }

    private void pump(Path log, Predicate<String> readyLine) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                if (readyLine.test(line)) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // The child's output is gone with it; the log keeps what came before.
        }
        ready.complete(false);
    }

    /** Waits for the ready line; false at once if the child died, false if the time ran out. */
    boolean awaitReady(long seconds) throws InterruptedException {
        try {
            return ready.get(seconds, TimeUnit.SECONDS) && process.isAlive();
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the JVM gets no chance to close anything; returns its exit status (137). */
    int kill() throws InterruptedException {
        return process.destroyForcibly().waitFor();
    }

    /** SIGTERM and waits for the JVM's shutdown to finish; returns its exit status (143). */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
