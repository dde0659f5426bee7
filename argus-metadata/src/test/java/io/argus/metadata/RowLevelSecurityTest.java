package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.crypto.SecretBox;
import io.argus.testkit.tier.E2e;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's row-level security, on a real PostgreSQL: with the thread's tenant set, a query without any WHERE
 * sees only that tenant's rows, writes for another tenant are refused, and a thread with no tenant sees nothing.
 * Argus connects as the tables' owner (not a superuser, which would bypass the policies), so the policies must be
 * forced.
 */
@E2e
class RowLevelSecurityTest {
    static final UUID A = Tenants.DEFAULT_ID;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static EmbeddedPostgres pg;
    static Database db;
    static UUID b;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE argus LOGIN PASSWORD 'argus'");
            st.execute("CREATE DATABASE argus OWNER argus");
        }
        db = Database.openPostgres(pg.getJdbcUrl("argus", "argus"), "argus", "argus");
        b = TenantScope.system(() -> new TenantRepository(db.dataSource()).create("b", T0)).id();
        CameraRepository cams = cameras();
        TenantScope.as(A, () -> {
            cams.insert(camera(A, "a-1"));
            cams.insert(camera(A, "a-2"));
            return null;
        });
        TenantScope.as(b, () -> {
            cams.insert(camera(b, "b-1"));
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        pg.close();
    }

    static CameraRepository cameras() {
        return new CameraRepository(db.dataSource(), new SecretBox(new KeyRing(new JdbcDataKeyStore(db.dataSource()),
                LocalKeyEncryptionKey.generate(), List.of(), Clock.systemUTC())));
    }

    static Camera camera(UUID tenant, String name) {
        return new Camera(tenant, UUID.randomUUID(), name, "rtsp://x/" + name, null, null, true, "auto", T0, T0);
    }

    @Test
    void aQueryWithoutWhereSeesOnlyTheCurrentTenant() {
        assertThat(TenantScope.as(A, () -> names("SELECT name FROM cameras ORDER BY name")))
                .containsExactly("a-1", "a-2");
        assertThat(TenantScope.as(b, () -> names("SELECT name FROM cameras ORDER BY name"))).containsExactly("b-1");
        assertThat(TenantScope.as(b, () -> cameras().listAll()))
                .extracting(Camera::name).containsExactly("b-1");
        assertThat(TenantScope.system(() -> names("SELECT name FROM cameras ORDER BY name")))
                .containsExactly("a-1", "a-2", "b-1");
        assertThat(names("SELECT name FROM cameras")).as("no tenant: nothing").isEmpty();
    }

    /** The schema's unique (tenant_id, name): RTSP paths and the API name cameras per tenant. */
    @Test
    void cameraNamesAreUniquePerTenantOnly() {
        CameraRepository cams = cameras();
        Camera same = camera(b, "a-1");
        TenantScope.as(b, () -> {
            cams.insert(same);
            return null;
        });
        try {
            assertThatThrownBy(() -> TenantScope.as(b, () -> {
                cams.insert(camera(b, "a-1"));
                return null;
            })).isInstanceOf(DuplicateNameException.class);
            assertThat(TenantScope.system(() -> names("SELECT name FROM cameras WHERE name = 'a-1'"))).hasSize(2);
        } finally {
            TenantScope.as(b, () -> cams.delete(b, same.id()));
        }
    }

    @Test
    void writesForAnotherTenantAreRefused() {
        CameraRepository cams = cameras();
        assertThatThrownBy(() -> TenantScope.as(A, () -> {
            cams.insert(camera(b, "sneaky"));
            return null;
        })).hasRootCauseMessage("ERROR: new row violates row-level security policy for table \"cameras\"");
        assertThat(TenantScope.as(A, () -> update("UPDATE cameras SET enabled = false"))).isEqualTo(2);
        assertThat(TenantScope.as(b, () -> names("SELECT name FROM cameras WHERE enabled"))).containsExactly("b-1");
    }

    @Test
    void cameraPasswordsAreSealedWithKeysTheTenantScopeCannotHide() {
        CameraRepository cams = cameras();
        Camera c = new Camera(b, UUID.randomUUID(), "b-secret", "rtsp://x/b", "u", "pass-b", true, "auto", T0, T0);
        TenantScope.as(b, () -> {
            cams.insert(c);
            return null;
        });
        assertThat(TenantScope.as(b, () -> cams.find(b, c.id())).orElseThrow().password()).isEqualTo("pass-b");
        assertThat(TenantScope.as(b, () -> names("SELECT password FROM cameras WHERE name = 'b-secret'")))
                .singleElement().asString().startsWith(SecretBox.PREFIX).doesNotContain("pass-b");
        assertThat(names("SELECT id::text FROM data_keys")).as("no tenant: no key rows").isEmpty();
        assertThat(TenantScope.as(b, () -> cams.delete(b, c.id()))).as("leaves b's cameras as the other tests expect")
                .isTrue();
    }

    @Test
    void everyTenantTableIsUnderForcedRowLevelSecurity() {
        List<String> open = TenantScope.system(() -> names("SELECT c.relname FROM pg_class c JOIN"
                + " information_schema.columns col ON col.table_name = c.relname AND col.column_name = 'tenant_id'"
                + " AND col.table_schema = current_schema() WHERE c.relname <> 'tenants'"
                + " AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"));
        assertThat(open).as("tenant tables without forced row-level security").isEmpty();
        assertThat(TenantScope.system(() -> names("SELECT relname FROM pg_class WHERE relrowsecurity")))
                .contains("users", "api_tokens", "cameras", "chunks", "bookmarks", "roles", "camera_groups",
                        "audit_log", "audit_chain_heads", "data_keys");
    }

    @Test
    void anAuditChainIsSeenOnlyInItsTenant() {
        AuditLogRepository audit = new AuditLogRepository(db.dataSource());
        TenantScope.as(b, () -> audit.append(new AuditEntry(b, T0, null, "someone", "10.0.0.9", "auth.login", "user",
                null, AuditEntry.FAILED, "{}")));
        assertThat(TenantScope.as(b, () -> audit.head(b))).isPresent();
        assertThat(TenantScope.as(A, () -> audit.head(b))).as("another tenant's chain head").isEmpty();
        assertThat(TenantScope.as(A, () -> names("SELECT user_name FROM audit_log"))).isEmpty();
        assertThat(TenantScope.system(() -> new AuditChainVerifier(db.dataSource()).verify().problems())).isEmpty();
        assertThatThrownBy(() -> TenantScope.as(A, () -> audit.append(new AuditEntry(b, T0, null, "x", null,
                "auth.login", "user", null, AuditEntry.FAILED, "{}")))).isInstanceOf(RuntimeException.class);
    }

    static List<String> names(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int update(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
