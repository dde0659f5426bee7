package io.argus.metadata;

import com.zaxxer.hikari.HikariDataSource;
import io.argus.storage.chunk.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

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

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private final DataSource dataSource;
    private final DataSource systemDataSource;
    private final Runnable close;
    /** The embedded database's room on its disk; null on PostgreSQL (its server keeps its own disk). */
    private final DiskReserve reserve;

    private Database(DataSource dataSource, DataSource systemDataSource, Runnable close, DiskReserve reserve) {
        this.dataSource = dataSource;
        this.systemDataSource = systemDataSource;
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
        return new Database(pool, pool, pool::dispose, reserve);
    }

    /**
     * Opens the metadata database a node is configured with: every opener (the server, each offline command) comes
     * through here, so none opens the embedded database while the node's data is on PostgreSQL.
     *
     * @param url      empty: the embedded database in {@code dataDir} ({@link #openEmbedded}); a
     *                 {@code jdbc:postgresql://} URL: that database ({@link #openPostgres}); anything else is refused
     * @param user     PostgreSQL's login role (ignored for the embedded database)
     * @param password its password (ignored for the embedded database); never put in a message
     */
    public static Database open(Path dataDir, String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (url.isEmpty()) {
            return openEmbedded(dataDir);
        }
        if (url.startsWith(POSTGRES_PREFIX)) {
            return openPostgres(url, user, password);
        }
        // Only the scheme is repeated: a URL may carry a password.
        int colon = url.indexOf(':', url.indexOf(':') + 1);
        throw new MetadataException("unsupported metadata.url (" + (colon > 0 ? url.substring(0, colon) : "not a JDBC URL")
                + "): empty for the embedded database, or " + POSTGRES_PREFIX + "//host:port/database", null);
    }

    /**
     * Opens a PostgreSQL database (cluster mode) and migrates it, row-level security included. The role must not be
     * a superuser or have BYPASSRLS (refused: they bypass row-level security, even forced); see
     * {@link PostgresConnector}.
     */
    public static Database openPostgres(String url, String user, String password) {
        HikariDataSource pool = PostgresConnector.connect(url, user, password);
        DataSource system = new TenantScopedDataSource(pool, () -> TenantScope.ALL);
        try {
            // Migrations are system work: they see every tenant's rows.
            migrate(Flyway.configure().dataSource(system).locations("classpath:db/migration",
                    "classpath:db/postgresql"));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(new TenantScopedDataSource(pool, TenantScope::current), system, pool::close, null);
    }

    private static void migrate(FluentConfiguration flyway) {
        try {
            flyway.load().migrate();
        } catch (RuntimeException e) {
            throw new MetadataException("metadata migration failed: " + e.getMessage(), e);
        }
    }

    /** Connections in the thread's {@link TenantScope}: none, one tenant's rows or (system work) every tenant's. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Connections that see every tenant's rows whatever thread takes them: for the node's own work on all tenants
     * on threads that serve no request (the recorders, retention), never for a request's queries. The same pool as
     * {@link #dataSource}; on the embedded database, which has no row-level security, the same data source.
     */
    public DataSource systemDataSource() {
        return systemDataSource;
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
