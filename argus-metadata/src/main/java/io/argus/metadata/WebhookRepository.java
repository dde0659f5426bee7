package io.argus.metadata;

import io.argus.storage.crypto.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Webhooks and their dead letters (V10). Secrets are sealed with the tenant's data key bound to the webhook id
 * ({@link SecretBox}), as camera passwords are; sealing and opening happen outside a held connection (see
 * {@link OnvifDeviceRepository#insert}).
 */
public final class WebhookRepository {
    /**
     * Dead letters kept per webhook, newest first: a receiver down for a week behind a busy camera would otherwise
     * grow the table without bound; the newest ones are those an operator replays.
     */
    public static final int MAX_DEAD_LETTERS = 1000;

    private static final String COLUMNS = "tenant_id, id, url, secret, cameras, types, classes, created_at";
    private static final String LETTER_COLUMNS =
            "tenant_id, id, webhook_id, event_id, body, attempts, status, reason, failed_at";

    private final DataSource ds;
    private final SecretBox secrets;

    public WebhookRepository(DataSource ds, SecretBox secrets) {
        this.ds = ds;
        this.secrets = secrets;
    }

    private static String context(UUID webhook) {
        return "webhook/" + webhook + "/secret";
    }

    public void insert(Webhook w) {
        String sealed = secrets.seal(w.tenantId(), context(w.id()), w.secret());
        update("INSERT INTO webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", w.tenantId(), w.id(),
                w.url(), sealed, join(w.cameras()), join(w.types()), join(w.classes()), w.createdAt());
    }

    public boolean delete(UUID tenant, UUID id) {
        return update("DELETE FROM webhooks WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    public Optional<Webhook> find(UUID tenant, UUID id) {
        return webhooks("SELECT " + COLUMNS + " FROM webhooks WHERE tenant_id = ? AND id = ?", tenant, id).stream()
                .findFirst();
    }

    public List<Webhook> list(UUID tenant) {
        return webhooks("SELECT " + COLUMNS + " FROM webhooks WHERE tenant_id = ? ORDER BY created_at, id", tenant);
    }

    /** Adds a dead letter and drops the webhook's oldest beyond {@link #MAX_DEAD_LETTERS}. */
    public void addDeadLetter(Webhook.DeadLetter d) {
        update("INSERT INTO webhook_dead_letters (" + LETTER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.tenantId(), d.id(), d.webhookId(), d.eventId(), d.body(), d.attempts(), d.status(), d.reason(),
                d.failedAt());
        List<Webhook.DeadLetter> beyond = letters("SELECT " + LETTER_COLUMNS + " FROM webhook_dead_letters"
                + " WHERE tenant_id = ? AND webhook_id = ? ORDER BY failed_at DESC, id DESC LIMIT 1 OFFSET ?",
                d.tenantId(), d.webhookId(), MAX_DEAD_LETTERS);
        for (Webhook.DeadLetter old : beyond) {
            update("DELETE FROM webhook_dead_letters WHERE tenant_id = ? AND webhook_id = ? AND failed_at <= ?",
                    d.tenantId(), d.webhookId(), old.failedAt());
        }
    }

    /** The webhook's dead letters, newest first. */
    public List<Webhook.DeadLetter> deadLetters(UUID tenant, UUID webhook, int limit) {
        return letters("SELECT " + LETTER_COLUMNS + " FROM webhook_dead_letters WHERE tenant_id = ? AND webhook_id = ?"
                + " ORDER BY failed_at DESC, id DESC LIMIT ?", tenant, webhook, limit);
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(Object::toString).toList());
    }

    private static <T> List<T> split(String text, Function<String, T> parse) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(parse).toList();
    }

    private int update(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new MetadataException("writing webhooks failed", e);
        }
    }

    private List<Webhook> webhooks(String sql, Object... params) {
        List<Webhook> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Webhook(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                            rs.getString("url"), rs.getString("secret"), split(rs.getString("cameras"),
                            UUID::fromString), split(rs.getString("types"), Function.identity()),
                            split(rs.getString("classes"), Function.identity()), Sql.getInstant(rs, "created_at")));
                }
            }
        } catch (SQLException e) {
            throw new MetadataException("reading webhooks failed", e);
        }
        return out.stream().map(w -> new Webhook(w.tenantId(), w.id(), w.url(),
                secrets.open(w.tenantId(), context(w.id()), w.secret()), w.cameras(), w.types(), w.classes(),
                w.createdAt())).toList();
    }

    private List<Webhook.DeadLetter> letters(String sql, Object... params) {
        List<Webhook.DeadLetter> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt("status");
                    out.add(new Webhook.DeadLetter(rs.getObject("tenant_id", UUID.class),
                            rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                            rs.getObject("event_id", UUID.class), rs.getString("body"), rs.getInt("attempts"),
                            rs.wasNull() ? null : status, rs.getString("reason"), Sql.getInstant(rs, "failed_at")));
                }
            }
        } catch (SQLException e) {
            throw new MetadataException("reading webhook dead letters failed", e);
        }
        return out;
    }
}
