package io.argus.metadata;

import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventCursor;
import io.argus.storage.event.EventPage;
import io.argus.storage.event.EventQuery;
import io.argus.storage.event.EventStore;
import io.argus.storage.event.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link EventStore} over the {@code events} and {@code event_thumbnails} tables (migration V8). Writers are
 * analytics threads, which belong to no request: every call runs in its tenant's scope (row-level security on
 * PostgreSQL).
 */
public final class JdbcEvents implements EventStore {
    private static final String COLUMNS = "tenant_id, id, camera_id, type, from_time, to_time, zone, label,"
            + " confidence, box_x, box_y, box_w, box_h, has_thumbnail";

    private final DataSource ds;
    private volatile Boolean h2;

    public JdbcEvents(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void add(Event e, byte[] thumbnail) {
        if ((thumbnail != null) != e.thumbnail()) {
            throw new IllegalArgumentException("the event says it has a thumbnail exactly when one is given");
        }
        if (thumbnail != null && thumbnail.length > MAX_THUMBNAIL_BYTES) {
            throw new IllegalArgumentException("thumbnail over " + MAX_THUMBNAIL_BYTES + " bytes");
        }
        TenantScope.as(e.tenant(), () -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    insert(c, e);
                    if (thumbnail != null) {
                        try (PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO event_thumbnails (tenant_id, event_id, jpeg) VALUES (?, ?, ?)")) {
                            ps.setObject(1, e.tenant());
                            ps.setObject(2, e.id());
                            ps.setBytes(3, thumbnail);
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException x) {
                    c.rollback();
                    throw x;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException x) {
                if (Sql.isUniqueViolation(x)) {
                    throw new IllegalArgumentException("event exists: " + e.id(), x);
                }
                throw new MetadataException("adding event failed", x);
            }
            return null;
        });
    }

    private static void insert(Connection c, Event e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, e.tenant());
            ps.setObject(2, e.id());
            ps.setObject(3, e.camera());
            ps.setString(4, e.type().name());
            Sql.setInstant(ps, 5, e.from());
            if (e.to() == null) {
                ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                Sql.setInstant(ps, 6, e.to());
            }
            ps.setString(7, e.zone());
            ps.setString(8, e.label());
            ps.setObject(9, e.confidence(), Types.DOUBLE);
            EventBox b = e.box();
            ps.setObject(10, b == null ? null : b.x(), Types.DOUBLE);
            ps.setObject(11, b == null ? null : b.y(), Types.DOUBLE);
            ps.setObject(12, b == null ? null : b.w(), Types.DOUBLE);
            ps.setObject(13, b == null ? null : b.h(), Types.DOUBLE);
            ps.setBoolean(14, e.thumbnail());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean end(UUID tenant, UUID id, Instant to) {
        return TenantScope.as(tenant, () -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE events SET to_time = ? WHERE tenant_id = ? AND id = ? AND from_time <= ?")) {
                Sql.setAll(ps, to, tenant, id, to);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new MetadataException("ending event failed", e);
            }
        });
    }

    @Override
    public Optional<Event> find(UUID tenant, UUID id) {
        return TenantScope.as(tenant, () -> query("SELECT " + COLUMNS + " FROM events WHERE tenant_id = ? AND id = ?",
                List.of(tenant, id)).stream().findFirst());
    }

    @Override
    public Optional<byte[]> thumbnail(UUID tenant, UUID id) {
        return TenantScope.as(tenant, () -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT jpeg FROM event_thumbnails WHERE tenant_id = ? AND event_id = ?")) {
                Sql.setAll(ps, tenant, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            } catch (SQLException e) {
                throw new MetadataException("reading a thumbnail failed", e);
            }
        });
    }

    @Override
    public EventPage search(EventQuery q) {
        if (q.cameras() != null && q.cameras().isEmpty()) {
            return new EventPage(List.of(), null);
        }
        Order order = order(q);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events"
                + (h2() ? " USE INDEX (" + order.index + ")" : "") + " WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(q.tenant()));
        if (q.cameras() != null) {
            sql.append(" AND camera_id IN (");
            for (UUID camera : q.cameras()) {
                sql.append(params.size() == 1 ? "?" : ", ?");
                params.add(camera);
            }
            sql.append(')');
        }
        if (q.type() != null) {
            sql.append(" AND type = ?");
            params.add(q.type().name());
        }
        if (q.label() != null) {
            sql.append(" AND label = ?");
            params.add(q.label());
        }
        if (q.zone() != null) {
            sql.append(" AND zone = ?");
            params.add(q.zone());
        }
        if (q.minConfidence() != null) {
            sql.append(" AND confidence >= ?");
            params.add(q.minConfidence());
        }
        if (q.from() != null) {
            sql.append(" AND from_time >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND from_time < ?");
            params.add(q.to());
        }
        if (q.after() != null) {
            // The first condition is implied by the second; it is there so the database starts its index range at the
            // cursor instead of filtering every row before it.
            sql.append(" AND from_time <= ? AND (from_time < ? OR from_time = ? AND id < ?)");
            params.addAll(List.of(q.after().from(), q.after().from(), q.after().from(), q.after().id()));
        }
        // One more than the page: whether there is a next page without a count.
        sql.append(" ORDER BY ").append(order.columns).append(" LIMIT ").append(q.limit() + 1);
        List<Event> rows = TenantScope.as(q.tenant(), () -> query(sql.toString(), params));
        if (rows.size() <= q.limit()) {
            return new EventPage(rows, null);
        }
        List<Event> page = rows.subList(0, q.limit());
        return new EventPage(page, EventCursor.after(page.get(page.size() - 1)));
    }

    /** The index a search reads, and its order spelled with that index's leading columns. */
    private record Order(String index, String columns) {
    }

    /**
     * Newest first, spelled with the leading columns of the index that should answer: they are fixed by the
     * filters, so the order is the same, but H2 reads an index in order (and stops at the page's end) only when the
     * ORDER BY starts with the index's own columns; otherwise it sorts every match.
     */
    private static Order order(EventQuery q) {
        String newest = "from_time DESC, id DESC";
        if (q.cameras() != null && q.cameras().size() == 1) {
            return new Order("events_tenant_camera_from", "tenant_id, camera_id, " + newest);
        }
        if (q.label() != null) {
            return new Order("events_tenant_label_from", "tenant_id, label, " + newest);
        }
        if (q.type() != null) {
            return new Order("events_tenant_type_from", "tenant_id, type, " + newest);
        }
        return new Order("events_tenant_from", "tenant_id, " + newest);
    }

    /** Whether the database is H2 (embedded), which takes index hints; asked once. */
    private boolean h2() {
        Boolean known = h2;
        if (known == null) {
            try (Connection c = ds.getConnection()) {
                known = c.getMetaData().getDatabaseProductName().equals("H2");
            } catch (SQLException e) {
                throw new MetadataException("reading the database's name failed", e);
            }
            h2 = known;
        }
        return known;
    }

    private List<Event> query(String sql, List<Object> params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setAll(ps, params.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                List<Event> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new MetadataException("reading events failed", e);
        }
    }

    private static Event row(ResultSet rs) throws SQLException {
        double x = rs.getDouble("box_x");
        EventBox box = rs.wasNull() ? null : new EventBox(x, rs.getDouble("box_y"), rs.getDouble("box_w"),
                rs.getDouble("box_h"));
        double conf = rs.getDouble("confidence");
        Double confidence = rs.wasNull() ? null : conf;
        return new Event(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("camera_id", UUID.class), EventType.valueOf(rs.getString("type")),
                Sql.getInstant(rs, "from_time"), Sql.getInstant(rs, "to_time"), rs.getString("zone"),
                rs.getString("label"), confidence, box, rs.getBoolean("has_thumbnail"));
    }
}
