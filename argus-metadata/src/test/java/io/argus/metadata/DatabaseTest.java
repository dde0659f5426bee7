package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesOnceAndReopensWithData() throws Exception {
        long migrations;
        try (var files = java.nio.file.Files.list(Path.of(Database.class.getResource("/db/migration").toURI()))) {
            migrations = files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
        try (Database db = Database.openEmbedded(dir)) {
            assertThat(count(db, "SELECT COUNT(*) FROM tenants WHERE tenant_id = '" + Tenants.DEFAULT_ID + "'"))
                    .isEqualTo(1);
        }
        try (Database db = Database.openEmbedded(dir)) {
            assertThat(count(db, "SELECT COUNT(*) FROM tenants")).isEqualTo(1);
            // Every migration on the class path, once (counted, so branches that each add one merge cleanly).
            assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND type = 'SQL'"))
                    .isEqualTo(migrations);
        }
        assertThat(dir.resolve("metadata")).isDirectory();
    }

    @Test
    void everyTableCarriesTenantId() throws SQLException {
        try (Database db = Database.openEmbedded(dir); Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.table_name,"
                     + " (SELECT COUNT(*) FROM information_schema.columns col WHERE col.table_schema = t.table_schema"
                     + "  AND col.table_name = t.table_name AND col.column_name = 'tenant_id')"
                     + " FROM information_schema.tables t WHERE t.table_schema = 'public'"
                     + " AND t.table_name <> 'flyway_schema_history'")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
                assertThat(rs.getInt(2)).as("tenant_id in %s", rs.getString(1)).isEqualTo(1);
            }
            assertThat(tables).contains("tenants", "users", "api_tokens", "cameras", "chunks", "bookmarks",
                    "camera_recording");
        }
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
