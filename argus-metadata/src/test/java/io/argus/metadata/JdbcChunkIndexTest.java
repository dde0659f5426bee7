package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.Bookmark;
import io.argus.storage.chunk.ChunkFencedException;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Span;
import io.argus.storage.chunk.Tier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
class JdbcChunkIndexTest {
    @Parameter
    Engine engine;

    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID OTHER_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID CAM = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID CAM2 = UUID.fromString("11111111-2222-3333-4444-666666666666");
    private static final Instant T0 = Instant.parse("2025-05-05T00:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    Database db;
    JdbcChunkIndex index;
    JdbcBookmarks bookmarks;

    @BeforeEach
    void open() throws SQLException {
        db = engine.open(dir);
        index = new JdbcChunkIndex(db.dataSource());
        bookmarks = new JdbcBookmarks(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO tenants (tenant_id, name, created_at) VALUES ('" + OTHER_TENANT
                    + "', 'other', CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String hash(int n) {
        return String.format("%064x", n);
    }

    /** Chunk {@code n} of a camera: minute n from T0, on volume v0 unless given. */
    private static ChunkRecord chunk(UUID tenant, UUID camera, int n, String volume) {
        Instant start = T0.plus(MIN.multipliedBy(n));
        return new ChunkRecord(tenant, camera, start, start.plus(MIN), 1000 + n, "avc1.640028,mp4a.40.2", Tier.HOT,
                volume, volume + "/" + tenant + "/" + camera + "/" + start.toEpochMilli() + ".mp4", hash(n + 1),
                n == 0 ? null : hash(n));
    }

    private static ChunkRecord chunk(int n) {
        return chunk(T, CAM, n, "v0");
    }

    private static Instant minute(long n) {
        return T0.plus(MIN.multipliedBy(n));
    }

    /**
     * Cluster fencing: once a camera has a chunk of epoch 7 (its new owner's), a writer of epoch 6 (the old owner, cut
     * off) is refused and stores nothing, for that camera only; the same or a newer epoch, and unfenced writes
     * (recovery, pushes), still go in.
     */
    @Test
    void refusesAChunkOfALowerEpochThanTheCamerasHighest() throws SQLException {
        assertThat(index.add(chunk(0), 7)).isTrue();
        assertThatThrownBy(() -> index.add(chunk(1), 6)).isInstanceOfSatisfying(ChunkFencedException.class, e -> {
            assertThat(e.camera()).isEqualTo(CAM);
            assertThat(e.epoch()).isEqualTo(6);
            assertThat(e.highest()).isEqualTo(7);
        });
        assertThat(index.find(T, CAM, T0, minute(10))).containsExactly(chunk(0));
        assertThat(index.add(chunk(T, CAM2, 0, "v0"), 1)).as("another camera's epochs are its own").isTrue();
        assertThat(index.add(chunk(1), 7)).isTrue();
        assertThat(index.add(chunk(2), 8)).isTrue();
        assertThatThrownBy(() -> index.add(chunk(3), 7)).isInstanceOf(ChunkFencedException.class);
        assertThat(index.add(chunk(3))).as("unfenced: a recovered chunk").isTrue();
        assertThat(index.add(chunk(4), 8)).as("unfenced rows do not lower the highest epoch").isTrue();
        assertThat(index.find(T, CAM, T0, minute(10))).extracting(ChunkRecord::location)
                .containsExactly(chunk(0).location(), chunk(1).location(), chunk(2).location(), chunk(3).location(),
                        chunk(4).location());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT fence_epoch FROM chunks WHERE camera_id = '" + CAM
                     + "' ORDER BY start_time")) {
            List<Long> epochs = new ArrayList<>();
            while (rs.next()) {
                epochs.add(rs.getLong(1));
            }
            assertThat(epochs).as("each chunk's epoch is stored with it").containsExactly(7L, 7L, 8L, 0L, 8L);
        }
    }

    /**
     * Cluster read-through: a cluster node's index records itself as the writer of the chunks it adds (unless the
     * record names one), so another node knows whose disk holds a hot chunk; a single node records none.
     */
    @Test
    void recordsTheNodeThatWroteEachChunk() {
        JdbcChunkIndex nodeA = new JdbcChunkIndex(db.dataSource(), "node-a");
        assertThat(nodeA.add(chunk(0))).isTrue();
        ChunkRecord named = chunk(1);
        assertThat(nodeA.add(new ChunkRecord(named.tenant(), named.camera(), named.start(), named.end(),
                named.bytes(), named.codec(), named.tier(), named.volume(), named.location(), named.sha256(),
                named.prevSha256(), "node-b"), 3)).isTrue();
        assertThat(index.add(chunk(2))).isTrue();
        assertThat(index.find(T, CAM, T0, minute(10))).extracting(ChunkRecord::writerNode)
                .containsExactly("node-a", "node-b", null);
    }

    @Test
    void roundTripsEveryFieldAndChainsFromTheLast() {
        assertThat(index.last(T, CAM)).isEmpty();
        ChunkRecord first = new ChunkRecord(T, CAM, T0.plusNanos(123_456_000), T0.plusSeconds(61), 5_000_000,
                "hvc1.1.6.L93.B0", Tier.WARM, "bucket", "s3://bucket/x.mp4", hash(7), null);
        assertThat(index.add(first)).isTrue();
        assertThat(index.last(T, CAM)).contains(first);

        ChunkRecord second = new ChunkRecord(T, CAM, T0.plusSeconds(61), T0.plusSeconds(120), 10, "avc1", Tier.HOT,
                "v0", "v0/y.mp4", hash(8), index.last(T, CAM).orElseThrow().sha256());
        assertThat(index.add(second)).isTrue();
        assertThat(index.last(T, CAM)).contains(second);
        assertThat(index.last(T, CAM).orElseThrow().prevSha256()).isEqualTo(first.sha256());
        assertThat(index.find(T, CAM, T0, T0.plusSeconds(120))).containsExactly(first, second);
        assertThat(index.last(OTHER_TENANT, CAM)).as("scoped by tenant").isEmpty();
    }

    @Test
    void addIsIdempotentForARecoveredChunk() {
        ChunkRecord c = chunk(0);
        assertThat(index.add(c)).isTrue();
        assertThat(index.add(c)).isFalse();
        ChunkRecord sameStartElsewhere = new ChunkRecord(T, CAM, c.start(), c.end(), 1, "avc1", Tier.HOT, "v1",
                "v1/other.mp4", hash(99), null);
        assertThat(index.add(sameStartElsewhere)).isFalse();
        assertThat(index.find(T, CAM, minute(0), minute(1))).containsExactly(c);
    }

    @Test
    void findReturnsOverlappingChunksInOrderForOneCameraOfOneTenant() {
        for (int n : new int[] {3, 0, 2, 1, 10}) {
            index.add(chunk(n));
        }
        index.add(chunk(T, CAM2, 1, "v0"));
        index.add(chunk(OTHER_TENANT, CAM, 1, "v0"));

        assertThat(index.find(T, CAM, minute(1).plusSeconds(30), minute(3).plusMillis(1)))
                .extracting(ChunkRecord::start).containsExactly(minute(1), minute(2), minute(3));
        assertThat(index.find(T, CAM, minute(1), minute(2))).as("[from, to): touching chunks excluded")
                .containsExactly(chunk(1));
        assertThat(index.find(T, CAM, minute(5), minute(9))).isEmpty();
        assertThat(index.find(OTHER_TENANT, CAM, minute(0), minute(60))).containsExactly(chunk(OTHER_TENANT, CAM, 1,
                "v0"));
    }

    @Test
    void spansAndCoverageShowGapsExplicitly() {
        for (int n : new int[] {0, 1, 2, 5, 6}) {
            index.add(chunk(n));
        }
        assertThat(index.spans(T, CAM, minute(-1), minute(8))).containsExactly(
                new Span(Span.Kind.GAP, minute(-1), minute(0)),
                new Span(Span.Kind.RECORDED, minute(0), minute(3)),
                new Span(Span.Kind.GAP, minute(3), minute(5)),
                new Span(Span.Kind.RECORDED, minute(5), minute(7)),
                new Span(Span.Kind.GAP, minute(7), minute(8)));
        int[] coverage = index.coverageByMinute(T, CAM, LocalDate.ofInstant(T0, ZoneOffset.UTC), ZoneOffset.UTC);
        assertThat(coverage).hasSize(1440);
        assertThat(coverage[0]).isEqualTo(60_000);
        assertThat(coverage[3]).isZero();
        assertThat(coverage[6]).isEqualTo(60_000);
        assertThat(java.util.Arrays.stream(coverage).sum()).isEqualTo(5 * 60_000);
    }

    @Test
    void bookmarksProtectTheChunksTheyOverlapFromEvictionAndAge() {
        for (int n = 0; n < 6; n++) {
            index.add(chunk(n));
        }
        index.add(chunk(T, CAM2, 0, "v0"));
        index.add(chunk(T, CAM, 100, "v1"));
        // Overlaps chunk 1 by a millisecond at its end and chunk 2 entirely; touches chunk 3's start only.
        Bookmark b = new Bookmark(T, CAM, UUID.randomUUID(), minute(2).minusMillis(1), minute(3), "forklift",
                T0.plusSeconds(5));
        bookmarks.add(b);
        // Another camera's bookmark over the same time protects nothing of CAM.
        bookmarks.add(new Bookmark(T, CAM2, UUID.randomUUID(), minute(4), minute(5), "", T0));

        assertThat(index.oldestUnprotected("v0", 10)).extracting(ChunkRecord::location).containsExactly(
                chunk(0).location(), chunk(T, CAM2, 0, "v0").location(), chunk(3).location(), chunk(4).location(),
                chunk(5).location());
        assertThat(index.oldestUnprotected("v0", 2)).hasSize(2);
        assertThat(index.oldestUnprotected("v1", 10)).containsExactly(chunk(T, CAM, 100, "v1"));

        assertThat(index.olderThan(T, CAM, minute(4), 10)).as("ended at or before minute 4, unprotected")
                .containsExactly(chunk(0), chunk(3));
        assertThat(index.olderThan(T, CAM, minute(4), 1)).containsExactly(chunk(0));
        assertThat(index.olderThan(OTHER_TENANT, CAM, minute(4), 10)).isEmpty();

        assertThat(bookmarks.delete(OTHER_TENANT, b.id())).as("scoped by tenant").isFalse();
        assertThat(bookmarks.delete(T, b.id())).isTrue();
        assertThat(index.olderThan(T, CAM, minute(4), 10)).containsExactly(chunk(0), chunk(1), chunk(2), chunk(3));
    }

    @Test
    void deleteDropsOneRowOfTheTenant() {
        ChunkRecord c = chunk(0);
        index.add(c);
        assertThat(index.delete(OTHER_TENANT, c.location())).isFalse();
        assertThat(index.delete(T, c.location())).isTrue();
        assertThat(index.delete(T, c.location())).isFalse();
        assertThat(index.last(T, CAM)).isEmpty();
    }

    @Test
    void bookmarksRoundTripAndListByOverlap() {
        List<Bookmark> added = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Bookmark b = new Bookmark(T, CAM, UUID.randomUUID(), minute(n * 10L), minute(n * 10L + 5),
                    "note " + n, T0.plusNanos(1_000 * (n + 1)));
            bookmarks.add(b);
            added.add(b);
        }
        bookmarks.add(new Bookmark(OTHER_TENANT, CAM, UUID.randomUUID(), minute(0), minute(60), "", T0));
        assertThat(bookmarks.find(T, added.get(1).id())).contains(added.get(1));
        assertThat(bookmarks.find(OTHER_TENANT, added.get(1).id())).isEmpty();
        assertThat(bookmarks.list(T, CAM, minute(4), minute(20))).containsExactly(added.get(0), added.get(1));
        assertThat(bookmarks.list(T, CAM, minute(5), minute(10))).as("[from, to): touching ones excluded").isEmpty();
        assertThatThrownBy(() -> bookmarks.add(added.get(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theContractIsTheStorageModulesInterface() {
        ChunkIndex contract = index;
        assertThat(contract.find(T, CAM, T0, T0.plusSeconds(1))).isEmpty();
    }
}
