package io.argus.metadata;

import io.argus.storage.crypto.DataKeyRecord;
import io.argus.storage.crypto.DataKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Wrapped data keys in the {@code data_keys} table. Every call is system work ({@link TenantScope#system}): the
 * recorder, playback of any tenant and the start-up migration all need keys, whichever tenant their thread runs
 * for; what protects a data key is the master key that wraps it.
 */
public final class JdbcDataKeyStore implements DataKeyStore {
    private static final String COLUMNS = "tenant_id, id, wrapped_key, master_key_id, created_at, active";

    private final DataSource ds;

    public JdbcDataKeyStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Optional<DataKeyRecord> find(UUID id) {
        return system("SELECT " + COLUMNS + " FROM data_keys WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public Optional<DataKeyRecord> active(UUID tenant) {
        return system("SELECT " + COLUMNS + " FROM data_keys WHERE tenant_id = ? AND active ORDER BY created_at DESC",
                tenant).stream().findFirst();
    }

    @Override
    public List<DataKeyRecord> all() {
        return system("SELECT " + COLUMNS + " FROM data_keys ORDER BY tenant_id, created_at");
    }

    @Override
    public void addActive(DataKeyRecord key) {
        TenantScope.system(() -> {
            insertActive(key);
            return null;
        });
    }

    private void insertActive(DataKeyRecord key) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement off = c.prepareStatement(
                    "UPDATE data_keys SET active = FALSE WHERE tenant_id = ? AND active");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO data_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, TRUE)")) {
                off.setObject(1, key.tenant());
                off.executeUpdate();
                Sql.setAll(ins, key.tenant(), key.id(), Base64.getEncoder().encodeToString(key.wrapped()),
                        key.masterKeyId(), key.created());
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MetadataException("storing a data key failed", e);
        }
    }

    @Override
    public void rewrap(Map<UUID, byte[]> wrapped, String masterKeyId) {
        TenantScope.system(() -> {
            update(wrapped, masterKeyId);
            return null;
        });
    }

    private void update(Map<UUID, byte[]> wrapped, String masterKeyId) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE data_keys SET wrapped_key = ?, master_key_id = ? WHERE id = ?")) {
                for (Map.Entry<UUID, byte[]> e : wrapped.entrySet()) {
                    Sql.setAll(ps, Base64.getEncoder().encodeToString(e.getValue()), masterKeyId, e.getKey());
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("data key " + e.getKey() + " vanished during the rotation");
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MetadataException("re-wrapping data keys failed: " + e.getMessage(), e);
        }
    }

    private List<DataKeyRecord> system(String sql, Object... params) {
        return TenantScope.system(() -> query(sql, params));
    }

    private List<DataKeyRecord> query(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<DataKeyRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new DataKeyRecord(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                            Base64.getDecoder().decode(rs.getString("wrapped_key")), rs.getString("master_key_id"),
                            Sql.getInstant(rs, "created_at"), rs.getBoolean("active")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading data keys failed", e);
        }
    }
}
