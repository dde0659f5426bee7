package io.argus.server.roles;

import io.argus.server.Role;
import io.argus.storage.chunk.PrivateFiles;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory, first of all: created readable by the node's account only, and what an older version left
 * readable by others (the metadata database with its password hashes, keys, secrets) made private before anything
 * else opens it. The recording volumes in it are left to the store, which tightens them as it scans them anyway.
 */
public final class DataDirRole implements Role {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirRole.class);

    private final Path dataDir;
    private final List<Path> volumes;

    public DataDirRole(Path dataDir, List<Path> volumes) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.volumes = volumes.stream().map(v -> v.toAbsolutePath().normalize()).toList();
    }

    @Override
    public String name() {
        return "data-dir";
    }

    @Override
    public void start() throws Exception {
        PrivateFiles.createDirectories(dataDir);
        int tightened = PrivateFiles.tightenTree(dataDir, volumes::contains);
        if (tightened > 0) {
            LOG.info("made {} files and directories in {} readable by this account only", tightened, dataDir);
        }
    }

    @Override
    public void stop() {
        // Nothing held.
    }
}
