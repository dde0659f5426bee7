package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.tier.E2e;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Database#open}, the one way in: an empty URL is the embedded database, PostgreSQL needs a usable server and
 * role, and every reason it is not usable is one sentence at start-up that names the server and never the password.
 */
@E2e
class PostgresConnectorTest {
    static final String WRONG = "not-the-password-4711";

    @TempDir
    Path dir;

    @Test
    void anEmptyUrlIsTheEmbeddedDatabaseInTheDataDirectory() {
        try (Database db = Database.open(dir, "", "", "")) {
            assertThat(db.dataSource()).isSameAs(db.systemDataSource());
        }
        assertThat(dir.resolve("metadata")).isDirectory();
    }

    @Test
    void aJdbcUrlOfAnotherEngineIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> Database.open(dir, "jdbc:mysql://db:3306/argus?password=" + WRONG, "u", "p"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("unsupported metadata.url (jdbc:mysql)")
                .hasMessageNotContaining(WRONG);
        assertThat(dir.resolve("metadata")).as("no embedded database behind the key's back").doesNotExist();
    }

    @Test
    void anUnreachableServerIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> Database.open(dir, "jdbc:postgresql://127.0.0.1:" + port + "/argus", "argus", WRONG))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("cannot reach PostgreSQL at 127.0.0.1:" + port + "/argus as argus")
                .hasMessageNotContaining(WRONG);
    }

    @Test
    void aWrongPasswordIsARefusedLogin() {
        EmbeddedPostgres.Database d = EmbeddedPostgres.freshDatabase();
        assertThatThrownBy(() -> Database.open(dir, d.url(), d.user(), WRONG))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("as argus: the server refused the login (wrong metadata.user or "
                        + "metadata.password")
                .hasMessageNotContaining(WRONG);
    }

    @Test
    void aMissingDatabaseIsNamed() {
        assertThatThrownBy(() -> Database.open(dir, EmbeddedPostgres.url("no_such_db"), EmbeddedPostgres.ROLE,
                EmbeddedPostgres.PASSWORD)).isInstanceOf(MetadataException.class)
                .hasMessageContaining("/no_such_db as argus: the database does not exist");
    }

    /** Superusers and BYPASSRLS roles skip row-level security: refused before anything is migrated. */
    @Test
    void rolesThatBypassRowLevelSecurityAreRefused() {
        EmbeddedPostgres.Database d = EmbeddedPostgres.freshDatabase();
        assertThatThrownBy(() -> Database.open(dir, d.url(), "postgres", ""))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("as postgres: the role is a superuser, which bypasses row-level security");
        EmbeddedPostgres.execute("CREATE ROLE argus_bypass LOGIN BYPASSRLS PASSWORD 'bypass-password'");
        EmbeddedPostgres.execute("GRANT ALL ON DATABASE " + d.name() + " TO argus_bypass");
        assertThatThrownBy(() -> Database.open(dir, d.url(), "argus_bypass", "bypass-password"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("the role is a BYPASSRLS role");
        try (Database db = Database.open(dir, d.url(), d.user(), d.password())) {
            assertThat(db.dataSource()).isNotSameAs(db.systemDataSource());
        }
    }
}
