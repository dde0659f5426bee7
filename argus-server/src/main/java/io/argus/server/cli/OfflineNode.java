package io.argus.server.cli;

import io.argus.metadata.Camera;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.Database;
import io.argus.metadata.JdbcChunkIndex;
import io.argus.metadata.Tenants;
import io.argus.server.StartupException;
import io.argus.server.config.ArgusConfig;
import io.argus.server.crypto.NodeKeys;
import io.argus.server.roles.RecordingRole;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.crypto.SecretBox;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/**
 * A stopped node's data opened for the offline commands (verify, keys, evidence): the metadata database
 * ({@link OfflineDatabase}: embedded or PostgreSQL), the keys and the chunk store over every tier, as the server would open them, without starting
 * anything.
 */
final class OfflineNode implements AutoCloseable {
    final ArgusConfig config;
    final Database db;
    final NodeKeys keys;
    final JdbcChunkIndex index;
    final SegmentStore store;
    private final CameraRepository cameras;

    private final OfflineDatabase opened;

    private OfflineNode(ArgusConfig config, OfflineDatabase opened, NodeKeys keys, SegmentStore store) {
        this.config = config;
        this.opened = opened;
        this.db = opened.db;
        this.keys = keys;
        this.index = new JdbcChunkIndex(db.dataSource());
        this.store = store;
        this.cameras = new CameraRepository(db.dataSource(), new SecretBox(keys.ring()));
    }

    static OfflineNode open(ArgusConfig config) throws IOException {
        OfflineDatabase opened = OfflineDatabase.open(config);
        try {
            NodeKeys keys = NodeKeys.open(config.crypto(), opened.db.dataSource(), Clock.systemUTC());
            SegmentStore store = RecordingRole.openTiers(config.recording(), config.storage(), keys,
                    opened.db.dataSource(), Clock.systemUTC()).store();
            return new OfflineNode(config, opened, keys, store);
        } catch (IOException | RuntimeException e) {
            opened.close();
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
        opened.close();
    }
}
