package io.argus.metadata;

import io.argus.storage.chunk.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The metadata database: a connection pool with the schema migrated to the latest version on open.
 *
 * <p>The embedded default is an H2 file database in PostgreSQL mode, so the same migrations and queries run on
 * PostgreSQL in a cluster. On PostgreSQL the tenant tables also get row-level security (db/postgresql), and
 * connections carry the thread's {@link TenantScope}.
 */
public final class Database implements AutoCloseable {
    /**
     * Most pooled connections. Metadata traffic is small (API calls, start-up loads); H2 serializes writes
     * anyway, and more connections only hold more memory.
     */
    public static final int MAX_CONNECTIONS = 16;

    private final DataSource dataSource;
    private final Runnable close;
    /** The embedded database's room on its disk; null on PostgreSQL (its server keeps its own disk). */
    private final DiskReserve reserve;

    private Database(DataSource dataSource, Runnable close, DiskReserve reserve) {
        this.dataSource = dataSource;
        this.close = close;
        this.reserve = reserve;
    }

    /**
     * Opens (creating if needed) the embedded database at {@code <dataDir>/metadata} and migrates it. It holds
     * password hashes and sealed secrets: its directory and files are the node's account's alone
     * ({@link PrivateFiles}), also those an older version made readable. It keeps a reserve of disk space
     * ({@link DiskReserve}; call {@link #checkDisk()} every second or so) and opens itself again when H2 closed it
     * after a failed write ({@link ReopeningPool}).
     */
    public static Database openEmbedded(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().resolve("metadata");
        Path file = dir.resolve("argus");
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new MetadataException("cannot create the metadata directory " + dir, e);
        }
        // WRITE_DELAY=0: a commit is written to the file before it returns. H2's default (500 ms) loses what was
        // committed in that window to kill -9 (seen: a whole fresh database, and a tier move's switch), and the index
        // must hold every chunk that a killed node had closed.
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database as soon as SIGTERM arrives, while
        // the node's hook is still stopping the recorders, whose last chunks then found no index. The node closes
        // it, after everything that writes to it.
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        DiskReserve reserve = new DiskReserve(dir);
        reserve.check();
        ReopeningPool pool = new ReopeningPool(url, reserve::check);
        try {
            migrate(Flyway.configure().dataSource(pool).locations("classpath:db/migration"));
            // H2 creates its files with the process's umask; the directory already keeps others out.
            PrivateFiles.tightenTree(dir, p -> false);
        } catch (IOException e) {
            pool.dispose();
            throw new MetadataException("cannot make the metadata files private in " + dir, e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return new Database(pool, pool::dispose, reserve);
    }

    /**
     * Opens a PostgreSQL database (cluster mode) and migrates it, row-level security included. Connect as a role
     * that is not a superuser (superusers bypass row-level security, even forced).
     */
    public static Database openPostgres(String url, String user, String password) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(url);
        pg.setUser(user);
        pg.setPassword(password);
        // Migrations are system work: they see every tenant's rows.
        migrate(Flyway.configure().dataSource(pg).initSql("SELECT set_config('argus.tenant_id', '"
                + TenantScope.ALL + "', false)").locations("classpath:db/migration", "classpath:db/postgresql"));
        return new Database(new TenantScopedDataSource(pg), () -> { }, null);
    }

    private static void migrate(FluentConfiguration flyway) {
        try {
            flyway.load().migrate();
        } catch (RuntimeException e) {
            throw new MetadataException("metadata migration failed: " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Checks the embedded database's disk: gives its reserve back when the disk is full, keeps it again after. */
    public void checkDisk() {
        if (reserve != null) {
            reserve.check();
        }
    }

    /** Why the database cannot take changes for long (its disk is full), or empty while it can. */
    public Optional<String> problem() {
        return reserve == null ? Optional.empty() : reserve.problem();
    }

    @Override
    public void close() {
        close.run();
    }
}
