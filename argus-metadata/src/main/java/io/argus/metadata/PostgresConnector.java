package io.argus.metadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connects to the metadata database on PostgreSQL: one probe connection first, so that every reason a node cannot
 * use the server is one sentence at start-up (not reachable, wrong password, no such database, a role that would
 * bypass row-level security), then a pool of {@link Database#MAX_CONNECTIONS}. Messages name the server and the
 * user, never the password.
 */
final class PostgresConnector {
    /** How long to wait for the server at start-up and for a pooled connection after: a LAN round trip or a restart. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private PostgresConnector() {
    }

    /** The pool, after the probe found the server usable. */
    static HikariDataSource connect(String url, String user, String password) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        try {
            pg.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw new MetadataException("metadata.url is not a PostgreSQL JDBC URL: " + e.getMessage(), e);
        }
        pg.setUser(user);
        pg.setPassword(password);
        pg.setConnectTimeout((int) CONNECT_TIMEOUT.toSeconds());
        pg.setApplicationName("argus");
        String where = "PostgreSQL at " + pg.getServerNames()[0] + ":" + pg.getPortNumbers()[0] + "/"
                + pg.getDatabaseName() + " as " + user;
        try (Connection c = pg.getConnection()) {
            refuseRowLevelSecurityBypass(c, where);
        } catch (SQLException e) {
            throw new MetadataException(explain(e, where), e);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg);
        config.setPoolName("argus-metadata");
        config.setMaximumPoolSize(Database.MAX_CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }

    /**
     * Superusers and roles with BYPASSRLS skip every row-level security policy, forced or not: on such a role each
     * tenant would read the others' cameras, users and recordings through any query that forgot its WHERE. Refused
     * (not warned about): a warning in a start-up log is how isolation gets lost quietly.
     */
    private static void refuseRowLevelSecurityBypass(Connection c, String where) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            if (rs.next() && (rs.getBoolean(1) || rs.getBoolean(2))) {
                String kind = rs.getBoolean(1) ? "superuser" : "BYPASSRLS role";
                throw new MetadataException(where + ": the role is a " + kind + ", which bypasses row-level security, so tenants would see each other's data. Connect as a "
                        + "role made with NOSUPERUSER NOBYPASSRLS (docs/cluster.md, Metadata on PostgreSQL).", null);
            }
        }
    }

    /** The probe's failure, in words an operator acts on (SQLSTATE classes: PostgreSQL docs, Appendix A). */
    static String explain(SQLException e, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("28P01") || state.equals("28000")) {
            return where + ": the server refused the login (wrong metadata.user or metadata.password, or no "
                    + "pg_hba.conf entry for this host): " + e.getMessage();
        }
        if (state.equals("3D000")) {
            return where + ": the database does not exist (create it, owned by the role Argus connects as)";
        }
        if (state.startsWith("08")) {
            return "cannot reach " + where + " (is the server running, and the host and port in metadata.url "
                    + "right?): " + e.getMessage();
        }
        return "cannot use " + where + ": " + e.getMessage();
    }
}
