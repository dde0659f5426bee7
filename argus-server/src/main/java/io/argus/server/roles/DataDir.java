package io.argus.server.roles;

import io.argus.storage.chunk.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory, first of all: created readable by the node's account only, and what an older version left
 * readable by others (the metadata database with its password hashes, keys, secrets) made private before anything
 * else opens it. The recording volumes in it are left to the store, which tightens them as it scans them anyway.
 */
public final class DataDir {
    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);

    private DataDir() {
    }

    /** @param volumes the recording volumes, which may lie inside the data directory */
    public static void prepare(Path dataDir, List<Path> volumes) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        List<Path> vols = volumes.stream().map(v -> v.toAbsolutePath().normalize()).toList();
        PrivateFiles.createDirectories(dir);
        int tightened = PrivateFiles.tightenTree(dir, vols::contains);
        if (tightened > 0) {
            LOG.info("made {} files and directories in {} readable by this account only", tightened, dir);
        }
    }
}
