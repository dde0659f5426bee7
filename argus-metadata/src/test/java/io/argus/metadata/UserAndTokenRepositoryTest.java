package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class UserAndTokenRepositoryTest {
    @Parameter
    Engine engine;

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Database db;
    UserRepository users;
    TokenRepository tokens;

    @BeforeEach
    void open() {
        db = engine.open(dir);
        users = new UserRepository(db.dataSource());
        tokens = new TokenRepository(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void usersAreUniquePerTenantAndStoreOnlyAHash() {
        assertThat(users.count(Tenants.DEFAULT_ID)).isZero();
        User u = users.create(Tenants.DEFAULT_ID, "admin", "s3cret", T0);
        assertThat(users.count(Tenants.DEFAULT_ID)).isEqualTo(1);
        User found = users.findByUsername(Tenants.DEFAULT_ID, "admin").orElseThrow();
        assertThat(found.id()).isEqualTo(u.id());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.passwordHash()).doesNotContain("s3cret");
        assertThat(PasswordHasher.verify("s3cret", found.passwordHash())).isTrue();
        assertThat(users.findByUsername(Tenants.DEFAULT_ID, "nobody")).isEmpty();
        assertThatThrownBy(() -> users.create(Tenants.DEFAULT_ID, "admin", "x", T0))
                .isInstanceOf(DuplicateNameException.class);
    }

    @Test
    void tokensAreFoundUntilTheyExpireAndOnlyTheirHashIsStored() throws SQLException {
        User u = users.create(Tenants.DEFAULT_ID, "op", "pw", T0);
        IssuedToken issued = tokens.issue(Tenants.DEFAULT_ID, u.id(), T0, Duration.ofHours(1));
        assertThat(issued.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(issued.session().expiresAt()).isEqualTo(T0.plusSeconds(3600));

        Session s = tokens.find(issued.token(), T0.plusSeconds(3599)).orElseThrow();
        assertThat(s.userId()).isEqualTo(u.id());
        assertThat(s.tenantId()).isEqualTo(Tenants.DEFAULT_ID);
        assertThat(tokens.find(issued.token(), T0.plusSeconds(3600))).isEmpty();
        assertThat(tokens.find(issued.token() + "x", T0)).isEmpty();
        assertThat(tokens.find(s.id(), T0.plusSeconds(3599))).contains(s);
        assertThat(tokens.find(s.id(), T0.plusSeconds(3600))).as("expired").isEmpty();

        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT token_hash FROM api_tokens")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(TokenRepository.sha256Hex(issued.token()))
                    .isNotEqualTo(issued.token());
        }

        IssuedToken revoked = tokens.issue(Tenants.DEFAULT_ID, u.id(), T0, Duration.ofHours(1));
        assertThat(tokens.revoke(Tenants.DEFAULT_ID, u.id(), revoked.session().id())).isTrue();
        assertThat(tokens.find(revoked.session().id(), T0)).as("revoked").isEmpty();

        tokens.issue(Tenants.DEFAULT_ID, u.id(), T0.plusSeconds(3600), Duration.ofHours(1));
        assertThat(tokens.deleteExpired(T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(DatabaseTest.count(db, "SELECT COUNT(*) FROM api_tokens")).isEqualTo(1);
    }
}
