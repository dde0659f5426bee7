package io.argus.metadata;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out PostgreSQL connections with {@code argus.tenant_id} set to the thread's {@link TenantScope}, so the
 * row-level security policies (db/postgresql) see only that tenant's rows whatever the query forgets. Set on every
 * connection taken, pooled or not, so no connection carries an earlier borrower's tenant.
 */
final class TenantScopedDataSource implements DataSource {
    private final DataSource target;
    private final Supplier<String> scope;

    /** @param scope the setting for each connection: {@link TenantScope#current}, or {@link TenantScope#ALL} */
    TenantScopedDataSource(DataSource target, Supplier<String> scope) {
        this.target = target;
        this.scope = scope;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return scoped(target.getConnection(user, password));
    }

    private Connection scoped(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('argus.tenant_id', ?, false)")) {
            ps.setString(1, scope.get());
            ps.execute();
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
