package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.crypto.SecretBox;
import io.argus.testkit.EmbeddedPostgres;
import io.argus.testkit.tier.E2e;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * PostgreSQL's row-level security, on a real PostgreSQL (the JVM's shared one, a database of its own): with the
 * thread's tenant set, a query without any WHERE sees only that tenant's rows, writes for another tenant are
 * refused, and a thread with no tenant sees nothing. Argus connects as the tables' owner (not a superuser, which
 * would bypass the policies), so the policies must be forced. In the default run: the catalog check below is what
 * stops a future migration from adding a tenant table without them.
 */
@E2e
class RowLevelSecurityTest {
    static final UUID A = Tenants.DEFAULT_ID;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static EmbeddedPostgres.Database database;
    static Database db;
    static UUID b;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedPostgres.freshDatabase();
        db = Database.openPostgres(database.url(), database.user(), database.password());
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
    static void stop() {
        db.close();
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

    /**
     * Every table with a tenant column, read from the catalog (so a table a future migration adds is covered without
     * editing this test), has row-level security enabled and forced, with the tenant policy. {@code tenants} itself
     * is the exception: a login finds its tenant by name before there is a scope.
     */
    @Test
    void everyTenantTableIsUnderForcedRowLevelSecurity() {
        List<String> tenantTables = TenantScope.system(() -> names("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND column_name = 'tenant_id' AND table_name <> 'tenants'"
                + " ORDER BY table_name"));
        assertThat(tenantTables).as("the catalog query finds the tenant tables").contains("users", "api_tokens",
                "cameras", "chunks", "bookmarks", "roles", "camera_groups", "audit_log", "audit_chain_heads",
                "data_keys", "tier_policies", "chunk_moves");
        List<String> open = TenantScope.system(() -> names("SELECT c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()"
                + " JOIN information_schema.columns col ON col.table_schema = n.nspname"
                + " AND col.table_name = c.relname AND col.column_name = 'tenant_id'"
                + " WHERE c.relname <> 'tenants' AND NOT (c.relrowsecurity AND c.relforcerowsecurity"
                + " AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname"
                + " AND p.policyname = 'tenant_isolation' AND p.qual LIKE '%argus_tenant_visible(tenant_id)%'"
                + " AND p.with_check LIKE '%argus_tenant_visible(tenant_id)%'))"));
        assertThat(open).as("tenant tables without forced row-level security and the tenant policy").isEmpty();
    }

    /** Not only through Argus's data source: a plain login of the role, with no setting at all, sees no tenant row. */
    @Test
    void aConnectionWithoutATenantScopeSeesNoTenantRows() throws SQLException {
        List<String> tenantTables = TenantScope.system(() -> names("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND column_name = 'tenant_id' AND table_name <> 'tenants'"));
        assertThat(TenantScope.system(() -> names("SELECT count(*) FROM cameras"))).singleElement()
                .isNotEqualTo("0");
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement st = c.createStatement()) {
            for (String t : tenantTables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(t).isZero();
                }
            }
        }
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
