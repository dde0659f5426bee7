package io.argus.metadata;

import io.argus.storage.chunk.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room kept for the embedded database on its own disk: a file of {@link #BYTES} beside it. When something else
 * fills the disk, the file is deleted, so the database can still commit (logins, changes) and close cleanly instead
 * of failing its next write, which makes H2 close it; the file is written again once the disk has room. While it
 * is given back, {@link #problem()} says so, for readiness.
 */
final class DiskReserve {
    private static final Logger LOG = LoggerFactory.getLogger(DiskReserve.class);

    /**
     * 8 MiB: with {@code WRITE_DELAY=0} H2 appends a few to a few tens of KiB per commit, so this is hundreds of
     * logins and changes while someone frees the disk; nothing beside a disk's size.
     */
    static final long BYTES = 8L << 20;
    static final String FILE = "disk-reserve";
    /**
     * Zeros written per call when the file is made: written, not a sparse file, so its blocks are taken from the
     * disk's free space at once (no sync needed for that; a crash leaves a {@code .tmp} that the next check redoes).
     */
    private static final int WRITE = 1 << 20;

    private final Path dir;
    private final Path file;
    private volatile boolean givenBack;
    private volatile long usable;

    DiskReserve(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
    }

    /**
     * Gives the reserve back when less than {@link #BYTES} is free, and makes it again (logging both) once twice
     * that is: the gap keeps it from flapping. Cheap (one {@code statvfs}); callers run it every second or so.
     */
    synchronized void check() {
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
            boolean present = Files.exists(file) && Files.size(file) == BYTES;
            if (present && usable < BYTES) {
                Files.delete(file);
                usable = Files.getFileStore(dir).getUsableSpace();
                givenBack(true);
            } else if (!present && usable >= 2 * BYTES) {
                write();
                givenBack(false);
            } else if (!present) {
                givenBack(true);
            }
        } catch (IOException e) {
            LOG.warn("cannot check the disk of the metadata database ({}): {}", dir, e.toString());
        }
    }

    private void givenBack(boolean now) {
        if (now && !givenBack) {
            LOG.warn("the disk of the metadata database ({}) is full: the database runs on its reserve of {} MiB;"
                    + " changes are refused once that is used too, until space is freed", dir, BYTES >> 20);
        } else if (!now && givenBack) {
            LOG.info("the disk of the metadata database has room again; its reserve is kept again");
        }
        givenBack = now;
    }

    private void write() throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), PrivateFiles.fileAttributes())) {
            ByteBuffer zeros = ByteBuffer.allocate(WRITE);
            for (long left = BYTES; left > 0; left -= WRITE) {
                zeros.clear().limit((int) Math.min(WRITE, left));
                while (zeros.hasRemaining()) {
                    ch.write(zeros);
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Why the database is short of disk, or empty while its reserve is kept. */
    Optional<String> problem() {
        return givenBack ? Optional.of("the disk of the metadata database is full (" + (usable >> 20) + " MiB free):"
                + " it runs on its reserve, and refuses changes once that is used, until space is freed")
                : Optional.empty();
    }
}
