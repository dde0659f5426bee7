package io.argus.storage.chunk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        Files.createDirectories(config.dir());
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

    /** Sets the accounting from a scan of the directory (every regular file counts: the directory is ours). */
    void scanUsage() throws IOException {
        long total;
        try (var files = Files.walk(config.dir())) {
            total = files.filter(Files::isRegularFile).mapToLong(LocalVolume::sizeOrZero).sum();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        used.set(total);
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
