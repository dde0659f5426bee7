package io.argus.metadata;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's connection pool, replaced when H2 has closed the database under it. H2 closes a database
 * whose write failed (a full disk) and every pooled connection then answers "The database has been closed", reads
 * included, until the process restarts. A connection that fails as it is taken, or is closed when checked
 * (in-process: no query), opens the database again through a new pool.
 */
final class ReopeningPool implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReopeningPool.class);

    private final String url;
    private final Runnable onReopen;
    private volatile JdbcConnectionPool pool;

    /** @param onReopen runs after the database was found closed and opened again (a disk check) */
    ReopeningPool(String url, Runnable onReopen) {
        this.url = url;
        this.onReopen = onReopen;
        this.pool = create(url);
    }

    private static JdbcConnectionPool create(String url) {
        JdbcConnectionPool p = JdbcConnectionPool.create(url, "argus", "");
        p.setMaxConnections(Database.MAX_CONNECTIONS);
        return p;
    }

    @Override
    public Connection getConnection() throws SQLException {
        JdbcConnectionPool p = pool;
        Connection c;
        try {
            c = p.getConnection();
        } catch (SQLException e) {
            // The pool hands out its idle connections first, and each of those now fails as it is taken.
            if (!MetadataException.unavailable(e)) {
                throw e;
            }
            reopen(p);
            return pool.getConnection();
        }
        if (c.isValid(0)) {
            return c;
        }
        closeDead(c);
        reopen(p);
        return pool.getConnection();
    }

    private static void closeDead(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Its database is gone; the pool it came from is disposed next.
        }
    }

    private void reopen(JdbcConnectionPool dead) {
        synchronized (this) {
            if (pool != dead) {
                return;
            }
            pool = create(url);
        }
        dead.dispose();
        LOG.warn("the metadata database had been closed under the node (a write failed); opened it again");
        onReopen.run();
    }

    void dispose() {
        pool.dispose();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the embedded database has one account");
    }

    @Override
    public PrintWriter getLogWriter() {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
