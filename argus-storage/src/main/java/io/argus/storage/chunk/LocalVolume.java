package io.argus.storage.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One data directory: its limits, the bytes its chunks take (kept as they are written and deleted), its disk. */
final class LocalVolume {
    private static final Logger LOG = LoggerFactory.getLogger(LocalVolume.class);

    final LocalVolumeConfig config;
    private final FileStore fileStore;
    private final AtomicLong used = new AtomicLong();

    LocalVolume(LocalVolumeConfig config) throws IOException {
        this.config = config;
        PrivateFiles.createDirectories(config.dir());
        this.fileStore = Files.getFileStore(config.dir());
    }

    String name() {
        return config.name();
    }

    Path dir() {
        return config.dir();
    }

    void addUsed(long delta) {
        used.addAndGet(delta);
    }

    /**
     * Sets the accounting from a scan of the directory (every regular file counts: the directory is ours), and on
     * the way makes private what an older version left readable by others ({@link PrivateFiles}).
     */
    void scanUsage() throws IOException {
        long total = 0;
        int tightened = 0;
        try (var paths = Files.walk(config.dir())) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                BasicFileAttributes attrs;
                try {
                    attrs = PrivateFiles.attributes(p);
                } catch (IOException e) {
                    continue; // deleted since the walk listed it
                }
                total += attrs.isRegularFile() ? attrs.size() : 0;
                tightened += PrivateFiles.tighten(p, attrs) ? 1 : 0;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        used.set(total);
        if (tightened > 0) {
            LOG.info("volume {}: made {} files and directories readable by this account only", config.name(),
                    tightened);
        }
    }

    VolumeUsage usage() {
        long free;
        try {
            free = fileStore.getUsableSpace();
        } catch (IOException e) {
            LOG.warn("volume {}: free space unreadable, counting it as none: {}", config.name(), e.toString());
            free = 0;
        }
        return new VolumeUsage(config.name(), used.get(), config.maxBytes(), free, config.minFreeBytes());
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Makes a directory entry change (a created or renamed file) durable across a power cut. kill -9 does not need
     * it (the kernel keeps the entry); a file system that cannot sync a directory is tolerated.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }
}
