package io.argus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each thread of a process, from Linux {@code /proc/<pid>/task/<tid>/stat}, user and kernel apart,
 * so a window's CPU can be split by what the threads do (their names).
 */
final class ThreadCpu {
    /** USER_HZ on Linux x86-64 and arm64, as in {@link ProcessSample}. */
    private static final double TICKS_PER_SECOND = 100;

    /** What a thread is for, by the name Argus, Netty or the JVM gives it (the kernel keeps 15 characters). */
    enum Group {
        INGEST("ingest"), RECORDER("recorder"), GC("GC"), JIT("JIT"), OTHER("other");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        static Group of(String name) {
            if (name.startsWith("rtsp-client")) {
                return INGEST;
            }
            if (name.startsWith("argus-recorder")) {
                return RECORDER;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return GC;
            }
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return JIT;
            }
            return OTHER;
        }
    }

    private record Ticks(String name, long user, long system) {
    }

    /**
     * CPU per group over a window, in cores.
     *
     * @param user   user time per group
     * @param system kernel time per group
     */
    record Breakdown(Map<Group, Double> user, Map<Group, Double> system) {
        double total(Group g) {
            return user.getOrDefault(g, 0.0) + system.getOrDefault(g, 0.0);
        }

        double kernelShare() {
            double sys = system.values().stream().mapToDouble(Double::doubleValue).sum();
            double all = sys + user.values().stream().mapToDouble(Double::doubleValue).sum();
            return all == 0 ? 0 : sys / all;
        }

        void print(java.io.PrintWriter out, int cameras) {
            StringBuilder s = new StringBuilder();
            for (Group g : Group.values()) {
                s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f %%", g.label,
                        100 * total(g) / cameras));
            }
            out.printf(Locale.ROOT, "server threads       %s of a core per camera; %.0f %% of it kernel time%n", s,
                    100 * kernelShare());
        }
    }

    private final Map<Long, Ticks> threads;
    private final long atNanos;

    private ThreadCpu(Map<Long, Ticks> threads, long atNanos) {
        this.threads = threads;
        this.atNanos = atNanos;
    }

    static ThreadCpu of(long pid) throws IOException {
        Map<Long, Ticks> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException e) {
                    continue; // the thread ended between the listing and the read
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] f = stat.substring(close + 2).split(" ");
                threads.put(Long.parseLong(task.getFileName().toString()), new Ticks(stat.substring(open + 1, close),
                        Long.parseLong(f[11]), Long.parseLong(f[12])));
            }
        }
        return new ThreadCpu(threads, System.nanoTime());
    }

    /** CPU per group between {@code earlier} and this reading (threads started since count from zero). */
    Breakdown since(ThreadCpu earlier) {
        double seconds = (atNanos - earlier.atNanos) / 1e9;
        Map<Group, Double> user = new LinkedHashMap<>();
        Map<Group, Double> system = new LinkedHashMap<>();
        threads.forEach((tid, t) -> {
            Ticks before = earlier.threads.getOrDefault(tid, new Ticks(t.name(), 0, 0));
            Group g = Group.of(t.name());
            user.merge(g, (t.user() - before.user()) / TICKS_PER_SECOND / seconds, Double::sum);
            system.merge(g, (t.system() - before.system()) / TICKS_PER_SECOND / seconds, Double::sum);
        });
        return new Breakdown(user, system);
    }
}
