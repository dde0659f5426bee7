package io.argus.server.cli;

import io.argus.metadata.Database;
import io.argus.metadata.MetadataException;
import io.argus.metadata.TenantScope;
import io.argus.server.StartupException;
import io.argus.server.config.ArgusConfig;
import io.argus.server.config.MetadataConfig;
import java.nio.file.Files;

/**
 * The metadata database as every offline command opens it: the one the configuration names ({@code metadata.url}:
 * the data directory's embedded database, or PostgreSQL), through {@link Database#open} like the server. The
 * command is system work: its thread sees every tenant's rows (on PostgreSQL, row-level security would otherwise
 * show it none) until {@link #close}.
 */
final class OfflineDatabase implements AutoCloseable {
    final Database db;

    private OfflineDatabase(Database db) {
        this.db = db;
    }

    /** The node's database, which must exist: the commands that read what a node wrote. */
    static OfflineDatabase open(ArgusConfig config) {
        return open(config, true);
    }

    /**
     * @param existing whether the embedded database must be there already; false for the user commands, which may
     *                 run before the first start (and then make it)
     */
    static OfflineDatabase open(ArgusConfig config, boolean existing) {
        MetadataConfig m = config.metadata();
        if (existing && !m.postgres() && !Files.isDirectory(config.dataDir().resolve("metadata"))) {
            throw new StartupException("no Argus data in " + config.dataDir().toAbsolutePath() + " (--data-dir?)",
                    null);
        }
        Database db;
        try {
            db = Database.open(config.dataDir(), m.url(), m.user(), m.password());
        } catch (MetadataException e) {
            throw new StartupException(m.postgres() ? e.getMessage() : "cannot open the metadata database in "
                    + config.dataDir() + " (is the node running? stop it, or use the API): " + e.getMessage(), e);
        }
        TenantScope.enterSystem();
        return new OfflineDatabase(db);
    }

    @Override
    public void close() {
        TenantScope.clear();
        db.close();
    }
}
