package io.argus.server.storage;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file system of its own size, for tests of a full disk: a tmpfs mounted on a directory (it fills, and answers
 * {@code ENOSPC}, exactly like a disk). Mounting needs root or CAP_SYS_ADMIN; where that is missing (a developer's
 * account, an unprivileged container) the test is skipped with the reason.
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code mib} MiB on {@code dir} (created), or skips the calling test. */
    static SmallDisk mount(Path dir, int mib) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Result r;
        try {
            r = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "tmpfs", dir.toString()));
        } catch (IOException e) {
            r = new Result(-1, e.toString());
        }
        if (r.status() != 0) {
            abort("a small file system cannot be mounted here (needs root or CAP_SYS_ADMIN): " + r.output());
        }
        return new SmallDisk(dir);
    }

    Path dir() {
        return dir;
    }

    /**
     * Fills what is left with a file written by another process ({@code dd}, as a runaway log or copy would), which
     * stops at {@code ENOSPC}.
     */
    void fill(String name) throws IOException, InterruptedException {
        Result r = run(List.of("dd", "if=/dev/zero", "of=" + dir.resolve(name), "bs=64k"));
        if (!r.output().contains("No space left on device")) {
            throw new IOException("dd did not fill the disk: " + r.output());
        }
    }

    /** Bytes a non-root writer may still write. */
    long usable() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = run(List.of("umount", dir.toString()));
        if (r.status() != 0) {
            // Something still holds a file open (a leaked handle): detach it now, freed when released.
            run(List.of("umount", "-l", dir.toString()));
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }
}
