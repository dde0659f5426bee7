package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventCursor;
import io.argus.storage.event.EventPage;
import io.argus.storage.event.EventQuery;
import io.argus.storage.event.EventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcEventsTest {
    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID OTHER_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID CAM = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID CAM2 = UUID.fromString("11111111-2222-3333-4444-666666666666");
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9};

    @TempDir
    Path dir;
    Database db;
    JdbcEvents events;

    @BeforeEach
    void open() throws SQLException {
        db = Database.openEmbedded(dir);
        events = new JdbcEvents(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO tenants (tenant_id, name, created_at) VALUES ('" + OTHER_TENANT
                    + "', 'other', CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Event event(UUID tenant, UUID camera, EventType type, int second, String label, Double confidence,
                               String zone) {
        return new Event(tenant, UUID.randomUUID(), camera, type, T0.plusSeconds(second), T0.plusSeconds(second + 2),
                zone, label, confidence, new EventBox(0.1, 0.2, 0.3, 0.4), false);
    }

    private EventQuery all(Set<UUID> cameras, int limit, EventCursor after) {
        return new EventQuery(T, cameras, null, null, null, null, null, null, after, limit);
    }

    @Test
    void anEventWithItsThumbnailIsStoredFoundAndEnded() {
        Event open = new Event(T, UUID.randomUUID(), CAM, EventType.MOTION, T0, null, "door", null, null,
                new EventBox(0.25, 0.5, 0.5, 0.25), true);
        events.add(open, JPEG);
        assertThat(events.find(T, open.id())).contains(open);
        assertThat(events.thumbnail(T, open.id())).hasValueSatisfying(j -> assertThat(j).isEqualTo(JPEG));
        assertThat(events.end(T, open.id(), T0.plusSeconds(9))).isTrue();
        assertThat(events.find(T, open.id()).orElseThrow().to()).isEqualTo(T0.plusSeconds(9));
        assertThatThrownBy(() -> events.add(open, JPEG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.add(event(T, CAM, EventType.MOTION, 0, null, null, null), JPEG))
                .as("a thumbnail the event does not announce").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherTenantSeesNothing() {
        Event e = new Event(T, UUID.randomUUID(), CAM, EventType.CAMERA, T0, null, null, "down", null, null, true);
        events.add(e, JPEG);
        assertThat(events.find(OTHER_TENANT, e.id())).isEmpty();
        assertThat(events.thumbnail(OTHER_TENANT, e.id())).isEmpty();
        assertThat(events.end(OTHER_TENANT, e.id(), T0.plusSeconds(1))).isFalse();
        assertThat(events.search(new EventQuery(OTHER_TENANT, null, null, null, null, null, null, null, null, 10))
                .events()).isEmpty();
    }

    @Test
    void searchFiltersByCameraTypeClassZoneConfidenceAndTime() {
        Event person = event(T, CAM, EventType.OBJECT, 10, "person", 0.9, "door");
        Event car = event(T, CAM, EventType.OBJECT, 20, "car", 0.4, null);
        Event motion = event(T, CAM2, EventType.MOTION, 30, null, null, "door");
        for (Event e : List.of(person, car, motion)) {
            events.add(e, null);
        }
        events.add(event(OTHER_TENANT, CAM, EventType.OBJECT, 15, "person", 0.9, null), null);

        assertThat(events.search(all(null, 10, null)).events()).containsExactly(motion, car, person);
        assertThat(events.search(all(Set.of(CAM), 10, null)).events()).containsExactly(car, person);
        assertThat(events.search(all(Set.of(), 10, null)).events()).isEmpty();
        assertThat(events.search(new EventQuery(T, null, EventType.OBJECT, null, null, null, null, null, null, 10))
                .events()).containsExactly(car, person);
        assertThat(events.search(new EventQuery(T, null, null, "person", null, null, null, null, null, 10))
                .events()).containsExactly(person);
        assertThat(events.search(new EventQuery(T, null, null, null, "door", null, null, null, null, 10))
                .events()).containsExactly(motion, person);
        assertThat(events.search(new EventQuery(T, null, null, null, null, null, null, 0.5, null, 10))
                .events()).containsExactly(person);
        // [from, to) bounds the start: car starts at 20 s, motion at 30 s.
        assertThat(events.search(new EventQuery(T, null, null, null, null, T0.plusSeconds(11), T0.plusSeconds(30),
                null, null, 10)).events()).containsExactly(car);
    }

    @Test
    void cursorPagesCoverEveryEventOnceNewestFirst() {
        List<Event> added = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a start: the id breaks the tie.
            Event e = event(T, i % 2 == 0 ? CAM : CAM2, EventType.MOTION, i / 2, null, null, null);
            events.add(e, null);
            added.add(e);
        }
        Set<UUID> seen = new HashSet<>();
        Instant last = Instant.MAX;
        EventCursor cursor = null;
        int pages = 0;
        do {
            EventPage page = events.search(all(null, 10, cursor));
            for (Event e : page.events()) {
                assertThat(seen.add(e.id())).as("seen once: " + e).isTrue();
                assertThat(e.from()).isBeforeOrEqualTo(last);
                last = e.from();
            }
            cursor = page.next() == null ? null : EventCursor.parse(page.next().token());
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25);
    }
}
