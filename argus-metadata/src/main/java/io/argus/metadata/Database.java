package io.argus.metadata;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The metadata database: a connection pool with the schema migrated to the latest version on open.
 *
 * <p>The embedded default is an H2 file database in PostgreSQL mode, so the same migrations and queries run on
 * PostgreSQL in a cluster.
 */
public final class Database implements AutoCloseable {
    /**
     * Most pooled connections. Metadata traffic is small (API calls, start-up loads); H2 serializes writes
     * anyway, and more connections only hold more memory.
     */
    public static final int MAX_CONNECTIONS = 16;

    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /** Opens (creating if needed) the embedded database at {@code <dataDir>/metadata} and migrates it. */
    public static Database openEmbedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("metadata").resolve("argus");
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "argus", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        Database db = new Database(pool);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return db;
    }

    private void migrate() {
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            throw new MetadataException("metadata migration failed: " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
