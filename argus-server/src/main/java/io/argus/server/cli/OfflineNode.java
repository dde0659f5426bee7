package io.argus.server.cli;

import io.argus.metadata.Camera;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.Database;
import io.argus.metadata.JdbcChunkIndex;
import io.argus.metadata.MetadataException;
import io.argus.metadata.Tenants;
import io.argus.server.StartupException;
import io.argus.server.config.ArgusConfig;
import io.argus.server.crypto.NodeKeys;
import io.argus.server.roles.RecordingRole;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.crypto.SecretBox;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;

/**
 * A stopped node's data directory opened for the offline commands (verify, keys, evidence): the metadata
 * database, the keys and the chunk store over every tier, as the server would open them, without starting
 * anything.
 */
final class OfflineNode implements AutoCloseable {
    final ArgusConfig config;
    final Database db;
    final NodeKeys keys;
    final JdbcChunkIndex index;
    final SegmentStore store;
    private final CameraRepository cameras;

    private OfflineNode(ArgusConfig config, Database db, NodeKeys keys, SegmentStore store) {
        this.config = config;
        this.db = db;
        this.keys = keys;
        this.index = new JdbcChunkIndex(db.dataSource());
        this.store = store;
        this.cameras = new CameraRepository(db.dataSource(), new SecretBox(keys.ring()));
    }

    static OfflineNode open(ArgusConfig config) throws IOException {
        if (!Files.isDirectory(config.dataDir().resolve("metadata"))) {
            throw new StartupException("no Argus data in " + config.dataDir().toAbsolutePath() + " (--data-dir?)",
                    null);
        }
        Database db;
        try {
            db = Database.openEmbedded(config.dataDir());
        } catch (MetadataException e) {
            throw new StartupException("cannot open the metadata database in " + config.dataDir()
                    + " (is the node running? stop it, or use the API): " + e.getMessage(), e);
        }
        try {
            NodeKeys keys = NodeKeys.open(config.crypto(), db.dataSource(), Clock.systemUTC());
            SegmentStore store = RecordingRole.openTiers(config.recording(), config.storage(), keys, db.dataSource(),
                    Clock.systemUTC()).store();
            return new OfflineNode(config, db, keys, store);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A camera of the default tenant by id or name; an id with no camera row (deleted camera) still names one. */
    Camera camera(String idOrName) {
        UUID id = null;
        try {
            id = UUID.fromString(idOrName);
        } catch (IllegalArgumentException e) {
            // a name
        }
        if (id != null) {
            UUID found = id;
            return cameras.find(Tenants.DEFAULT_ID, id).orElseGet(() -> new Camera(Tenants.DEFAULT_ID, found,
                    found.toString(), null, null, null, false, "auto", null, null));
        }
        return cameras.list(Tenants.DEFAULT_ID).stream().filter(c -> c.name().equals(idOrName)).findFirst()
                .orElseThrow(() -> new StartupException("no camera named " + idOrName, null));
    }

    @Override
    public void close() {
        store.close();
        db.close();
    }
}
