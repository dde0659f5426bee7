package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.storage.event.EventCursor;
import io.argus.storage.event.EventPage;
import io.argus.storage.event.EventQuery;
import io.argus.storage.event.EventType;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Search latency over a million events on both engines (the target: under 100 ms at p95): the embedded H2
 * database, and PostgreSQL with the app role and row-level security, searched in the tenant's scope as a request
 * is. It prints the percentiles per query shape and asserts only that the searches answer correctly: the time
 * depends on the machine. {@code -Dargus.metadata.engines=postgresql} runs one engine.
 */
@E2e
@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class EventSearchLatencyTest {
    /** A million; {@code -Dargus.events=N} for a quicker look. */
    private static final int EVENTS = Integer.getInteger("argus.events", 1_000_000);
    private static final int CAMERAS = 200;
    private static final int RUNS = 200;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] LABELS = {"person", "car", "truck", "dog", "bicycle"};
    private static final EventType[] TYPES = {EventType.MOTION, EventType.OBJECT, EventType.OBJECT, EventType.RULE,
        EventType.CAMERA};

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void searchesOverAMillionEvents() throws SQLException {
        try (Database db = engine.open(dir)) {
            UUID[] cameras = new UUID[CAMERAS];
            for (int i = 0; i < CAMERAS; i++) {
                cameras[i] = new UUID(0x1234, i);
            }
            long loadStart = System.nanoTime();
            load(db, cameras);
            System.out.printf("%s: loaded %,d events in %.1f s%n", engine, EVENTS,
                    (System.nanoTime() - loadStart) / 1e9);
            if (engine == Engine.H2) {
                explainOnH2(db);
            } else {
                analyzeAndExplainOnPostgres(db, Arrays.copyOf(cameras, 20));
            }
            JdbcEvents events = new JdbcEvents(db.dataSource());
            Random r = new Random(1);
            UUID t = Tenants.DEFAULT_ID;
            measure("newest 50, whole tenant", i -> new EventQuery(t, null, null, null, null, null, null, null, null,
                    50), events);
            measure("one camera, newest 50", i -> new EventQuery(t, Set.of(cameras[r.nextInt(CAMERAS)]), null, null,
                    null, null, null, null, null, 50), events);
            measure("20 cameras the user may see", i -> new EventQuery(t, Set.copyOf(Arrays.asList(cameras)
                    .subList(0, 20)), null, null, null, null, null, null, null, 50), events);
            measure("class=person, minConfidence 0.8", i -> new EventQuery(t, null, EventType.OBJECT, "person", null,
                    null, null, 0.8, null, 50), events);
            measure("one camera, a random hour", i -> {
                Instant from = T0.plusSeconds(r.nextInt(EVENTS * 3));
                return new EventQuery(t, Set.of(cameras[r.nextInt(CAMERAS)]), null, null, null, from,
                        from.plusSeconds(3600), null, null, 50);
            }, events);
            EventPage first = events.search(new EventQuery(t, null, null, null, null, null, null, null, null, 50));
            EventCursor deep = first.next();
            for (int i = 0; i < 100; i++) {
                deep = events.search(new EventQuery(t, null, null, null, null, null, null, null, deep, 50)).next();
            }
            EventCursor page101 = deep;
            measure("page 102 by cursor", i -> new EventQuery(t, null, null, null, null, null, null, null, page101,
                    50), events);
        }
    }

    /** The plan of the commonest search, printed: an index read in order with no sort is what makes it fast. */
    private static void explainOnH2(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "EXPLAIN SELECT * FROM events USE INDEX (events_tenant_from) WHERE tenant_id = ? ORDER BY tenant_id, from_time DESC, id DESC LIMIT 51")) {
            ps.setObject(1, Tenants.DEFAULT_ID);
            try (var rs = ps.executeQuery()) {
                rs.next();
                System.out.println("plan: " + rs.getString(1).replace('\n', ' '));
            }
        }
    }

    /**
     * Statistics for the planner (autovacuum may not have run after the load, as it would have on a database that
     * grew over weeks), then the plans of the commonest search and of the widest camera filter, in the tenant's
     * scope: the row-level security policy is part of the plan.
     */
    private static void analyzeAndExplainOnPostgres(Database db, UUID[] twenty) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE events");
        }
        String newest = "SELECT * FROM events WHERE tenant_id = ? ORDER BY tenant_id, from_time DESC, id DESC"
                + " LIMIT 51";
        String twentyCameras = "SELECT * FROM events WHERE tenant_id = ? AND camera_id IN ("
                + String.join(", ", Collections.nCopies(twenty.length, "?"))
                + ") ORDER BY tenant_id, from_time DESC, id DESC LIMIT 51";
        List<Object> twentyParams = new ArrayList<>(List.of(Tenants.DEFAULT_ID));
        twentyParams.addAll(Arrays.asList(twenty));
        TenantScope.enter(Tenants.DEFAULT_ID);
        try (Connection c = db.dataSource().getConnection()) {
            explainOnPostgres(c, newest, List.of(Tenants.DEFAULT_ID));
            explainOnPostgres(c, twentyCameras, twentyParams);
        } finally {
            TenantScope.enterSystem();
        }
    }

    private static void explainOnPostgres(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append("\n  ").append(rs.getString(1));
                }
            }
            System.out.println("plan of " + sql + ":" + plan);
        }
    }

    private static void measure(String name, IntFunction<EventQuery> query, JdbcEvents events) {
        for (int i = 0; i < 20; i++) {
            events.search(query.apply(i));
        }
        long[] nanos = new long[RUNS];
        int found = 0;
        for (int i = 0; i < RUNS; i++) {
            EventQuery q = query.apply(i);
            long start = System.nanoTime();
            found += events.search(q).events().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("search %-34s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (%d events a page on average)%n",
                name, nanos[RUNS / 2] / 1e6, nanos[RUNS * 95 / 100] / 1e6, nanos[RUNS * 99 / 100] / 1e6,
                found / RUNS);
        assertThat(found).as(name + " finds events").isPositive();
    }

    /**
     * A million events over about 35 days of 200 cameras, in batches (the store's one-by-one add is not the point), as
     * system work: on PostgreSQL the app role's batched inserts, which row-level security allows in that scope (COPY
     * FROM is refused on a table with row-level security).
     */
    private static void load(Database db, UUID[] cameras) throws SQLException {
        Random r = new Random(7);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (tenant_id, id, camera_id, type, from_time, to_time, zone, label, confidence,"
                        + " box_x, box_y, box_w, box_h, has_thumbnail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < EVENTS; i++) {
                EventType type = TYPES[i % TYPES.length];
                Instant from = T0.plusSeconds(i * 3L);
                ps.setObject(1, Tenants.DEFAULT_ID);
                ps.setObject(2, new UUID(r.nextLong(), r.nextLong()));
                ps.setObject(3, cameras[r.nextInt(CAMERAS)]);
                ps.setString(4, type.name());
                ps.setObject(5, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                ps.setObject(6, OffsetDateTime.ofInstant(from.plusSeconds(1 + r.nextInt(30)), ZoneOffset.UTC));
                ps.setString(7, r.nextInt(4) == 0 ? "door" : null);
                boolean object = type == EventType.OBJECT || type == EventType.RULE;
                ps.setString(8, object ? LABELS[r.nextInt(LABELS.length)] : null);
                ps.setObject(9, object ? 0.3 + r.nextDouble() * 0.7 : null, Types.DOUBLE);
                for (int k = 10; k <= 13; k++) {
                    ps.setDouble(k, 0.1);
                }
                ps.setBoolean(14, false);
                ps.addBatch();
                if (i % 10_000 == 9_999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
