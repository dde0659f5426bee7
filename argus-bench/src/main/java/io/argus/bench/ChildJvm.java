package io.argus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running one Argus command ({@code server}, {@code sim}) from this JVM's own classpath, with its
 * output copied to a log file and watched for a ready line.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);

    private ChildJvm(Process process) {
        this.process = process;
    }

    static ChildJvm start(String name, String mainClass, List<String> jvmArgs, List<String> args,
                          Map<String, String> env, Path log, Predicate<String> readyLine) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        ChildJvm child = new ChildJvm(pb.start());
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
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            ready.countDown();
        }
    }

    /** Waits for the ready line; false if the child died or the time ran out. */
    boolean awaitReady(long seconds) throws InterruptedException {
        return ready.await(seconds, TimeUnit.SECONDS) && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
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
