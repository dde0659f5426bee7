package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.storage.chunk.Bookmark;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.EventProtections;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.StoredChunk;
import io.argus.storage.chunk.Tier;
import io.argus.storage.retention.RetentionPolicy;
import io.argus.storage.retention.RetentionSweeper;
import io.argus.storage.retention.SweepResult;
import io.argus.testkit.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/** Retention against the real chunk index (H2) and a real local store, on a manual clock. */
@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class RetentionSweeperTest {
    @Parameter
    Engine engine;

    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID CAM = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    private static final UUID CAM2 = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002");
    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(1);
    private static final int CHUNK_BYTES = 1000;

    @TempDir
    Path dir;
    Database db;
    JdbcChunkIndex index;
    JdbcBookmarks bookmarks;
    LocalSegmentStore store;
    ManualClock clock;

    @BeforeEach
    void open() throws Exception {
        db = engine.open(dir.resolve("db"));
        index = new JdbcChunkIndex(db.dataSource());
        bookmarks = new JdbcBookmarks(db.dataSource());
        clock = new ManualClock(T0);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        db.close();
    }

    private void openStore(long maxBytes) throws Exception {
        store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir.resolve("v0"), maxBytes, 0)));
    }

    private static Instant minute(long n) {
        return T0.plus(MIN.multipliedBy(n));
    }

    /** Records minute {@code n} of a camera as the recorder will: write, finish, index (chained), publish. */
    private ChunkRecord record(UUID camera, int n, boolean indexIt) throws Exception {
        ChunkWriter w = store.create(new ChunkKey(T, camera, minute(n)));
        ByteBuf bytes = PooledByteBufAllocator.DEFAULT.directBuffer(CHUNK_BYTES).writeZero(CHUNK_BYTES);
        try {
            w.append(bytes);
        } finally {
            bytes.release();
        }
        ChunkInfo info = w.finish();
        ChunkRecord r = ChunkRecord.of(info, minute(n + 1), "avc1.640028", Tier.HOT,
                index.last(T, camera).orElse(null));
        if (indexIt) {
            assertThat(index.add(r)).isTrue();
        }
        w.close();
        return r;
    }

    private List<String> files() throws Exception {
        List<String> out = new ArrayList<>();
        store.forEachChunk(c -> out.add(c.location()));
        return out;
    }

    private List<Instant> indexedStarts(UUID camera) {
        return index.find(T, camera, minute(-1000), minute(1000)).stream().map(ChunkRecord::start).toList();
    }

    private static RetentionSweeper sweeper(JdbcChunkIndex index, LocalSegmentStore store, ManualClock clock) {
        return new RetentionSweeper(index, store, clock, 1);
    }

    @Test
    void deletesChunksOlderThanTheMaxAgeButNotProtectedOnes() throws Exception {
        openStore(1L << 30);
        List<ChunkRecord> chunks = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            chunks.add(record(CAM, n, true));
        }
        record(CAM2, 0, true);
        bookmarks.add(new Bookmark(T, CAM, UUID.randomUUID(), minute(3).plusSeconds(10), minute(3).plusSeconds(20),
                "door forced", T0));
        long used = store.usage().get(0).usedBytes();

        clock.advance(Duration.ofMinutes(15));
        RetentionSweeper sweeper = sweeper(index, store, clock);
        SweepResult r = sweeper.sweepExpired(T, CAM, new RetentionPolicy(Duration.ofMinutes(10)));

        assertThat(r.chunksDeleted()).as("chunks 0..4 ended by minute 5; chunk 3 is protected").isEqualTo(4);
        assertThat(r.bytesFreed()).isEqualTo(4L * CHUNK_BYTES);
        assertThat(r.failures()).isZero();
        assertThat(indexedStarts(CAM)).containsExactly(minute(3), minute(5), minute(6), minute(7), minute(8),
                minute(9));
        assertThat(files()).containsExactlyInAnyOrder(chunks.get(3).location(), chunks.get(5).location(),
                chunks.get(6).location(), chunks.get(7).location(), chunks.get(8).location(),
                chunks.get(9).location(), index.last(T, CAM2).orElseThrow().location());
        assertThat(store.usage().get(0).usedBytes()).isEqualTo(used - 4L * CHUNK_BYTES);
        assertThat(indexedStarts(CAM2)).as("another camera is untouched").containsExactly(minute(0));

        assertThat(sweeper.sweepExpired(T, CAM, new RetentionPolicy(Duration.ofMinutes(10))).chunksDeleted())
                .as("idempotent").isZero();
    }

    @Test
    void aRowWhoseFileIsGoneIsStillDropped() throws Exception {
        openStore(1L << 30);
        ChunkRecord c = record(CAM, 0, true);
        Files.delete(store.localPath(c.location()).orElseThrow());

        clock.advance(Duration.ofDays(2));
        SweepResult r = sweeper(index, store, clock).sweepExpired(T, CAM, new RetentionPolicy(Duration.ofDays(1)));
        assertThat(r.chunksDeleted()).isEqualTo(1);
        assertThat(r.rowsWithoutFile()).isEqualTo(1);
        assertThat(index.last(T, CAM)).isEmpty();
    }

    @Test
    void evictsTheOldestUnprotectedChunksWhenAVolumeIsFull() throws Exception {
        openStore(10L * CHUNK_BYTES);
        for (int n = 0; n < 10; n++) {
            record(n % 2 == 0 ? CAM : CAM2, n, true);
        }
        assertThat(store.hasRoom()).isFalse();
        bookmarks.add(new Bookmark(T, CAM, UUID.randomUUID(), minute(0), minute(1), "", T0));

        RetentionSweeper sweeper = new RetentionSweeper(index, store, clock, 3L * CHUNK_BYTES);
        SweepResult r = sweeper.evictForSpace();

        assertThat(r.chunksDeleted()).isEqualTo(3);
        assertThat(r.volumesShortOfRoom()).isEmpty();
        assertThat(store.usage().get(0).roomBytes()).isEqualTo(3L * CHUNK_BYTES);
        assertThat(store.hasRoom()).isTrue();
        assertThat(indexedStarts(CAM)).as("minute 0 is protected; 2 was evicted")
                .containsExactly(minute(0), minute(4), minute(6), minute(8));
        assertThat(indexedStarts(CAM2)).as("1 and 3 were evicted").containsExactly(minute(5), minute(7), minute(9));
        assertThat(files()).hasSize(7);

        assertThat(sweeper.evictForSpace().chunksDeleted()).as("nothing more to do").isZero();
    }

    @Test
    void reportsAVolumeItCannotFreeBecauseEverythingIsProtected() throws Exception {
        openStore(3L * CHUNK_BYTES);
        for (int n = 0; n < 3; n++) {
            record(CAM, n, true);
        }
        bookmarks.add(new Bookmark(T, CAM, UUID.randomUUID(), minute(0), minute(3), "incident", T0));
        SweepResult r = new RetentionSweeper(index, store, clock, CHUNK_BYTES).evictForSpace();
        assertThat(r.chunksDeleted()).isZero();
        assertThat(r.volumesShortOfRoom()).containsExactly("v0");
        assertThat(indexedStarts(CAM)).hasSize(3);
    }

    @Test
    void aFileWithoutARowIsDeletedOnlyAfterTheGraceOnALaterScan() throws Exception {
        openStore(1L << 30);
        ChunkRecord indexed = record(CAM, 0, true);
        ChunkRecord orphan = record(CAM, 1, false);
        ChunkWriter open = store.create(new ChunkKey(T, CAM, minute(2)));
        RetentionSweeper sweeper = sweeper(index, store, clock);

        assertThat(sweeper.sweepOrphans().chunksDeleted()).as("first seen").isZero();
        clock.advance(RetentionSweeper.ORPHAN_GRACE.minusSeconds(1));
        assertThat(sweeper.sweepOrphans().chunksDeleted()).as("within the grace").isZero();
        clock.advance(Duration.ofSeconds(1));
        SweepResult r = sweeper.sweepOrphans();
        assertThat(r.chunksDeleted()).isEqualTo(1);
        assertThat(r.bytesFreed()).isEqualTo(CHUNK_BYTES);
        assertThat(files()).containsExactly(indexed.location());
        assertThat(store.localPath(orphan.location()).orElseThrow()).doesNotExist();

        ChunkInfo info = open.close();
        assertThat(info.bytes()).as("an open chunk is never an orphan").isZero();
    }

    @Test
    void aFileIndexedDuringTheGraceIsKept() throws Exception {
        openStore(1L << 30);
        ChunkRecord late = record(CAM, 0, false);
        RetentionSweeper sweeper = sweeper(index, store, clock);
        sweeper.sweepOrphans();
        assertThat(index.add(late)).isTrue();
        clock.advance(RetentionSweeper.ORPHAN_GRACE.multipliedBy(2));
        assertThat(sweeper.sweepOrphans().chunksDeleted()).isZero();
        assertThat(files()).containsExactly(late.location());
        List<StoredChunk> listed = new ArrayList<>();
        store.forEachChunk(listed::add);
        assertThat(listed.get(0).bytes()).isEqualTo(CHUNK_BYTES);
    }

    /**
     * Events' windows (pre-buffer to post-buffer) keep their chunks from age retention until they lapse: a closed
     * window its overlapped chunks, an open one (the event lasts) everything from its start.
     */
    @Test
    void eventWindowsKeepTheirChunksFromAgeRetentionUntilTheyLapse() throws Exception {
        openStore(1L << 30);
        for (int n = 0; n < 10; n++) {
            record(CAM, n, true);
            record(CAM2, n, true);
        }
        JdbcEventProtections protections = new JdbcEventProtections(db.dataSource());
        Instant lapse = T0.plus(Duration.ofDays(1));
        protections.protect(new EventProtections.Window(T, CAM, UUID.randomUUID(), minute(2).plusSeconds(30),
                minute(4).plusSeconds(10), lapse));
        UUID open = UUID.randomUUID();
        protections.protect(new EventProtections.Window(T, CAM2, open, minute(3).plusSeconds(5), null, lapse));

        clock.advance(Duration.ofMinutes(15));
        RetentionSweeper sweeper = sweeper(index, store, clock);
        RetentionPolicy tenMinutes = new RetentionPolicy(Duration.ofMinutes(10));
        assertThat(protections.expire(clock.instant())).isZero();
        assertThat(sweeper.sweepExpired(T, CAM, tenMinutes).chunksDeleted()).isEqualTo(2);
        assertThat(indexedStarts(CAM)).as("0 and 1 deleted; 2, 3 and 4 overlap the window")
                .containsExactly(minute(2), minute(3), minute(4), minute(5), minute(6), minute(7), minute(8),
                        minute(9));
        assertThat(sweeper.sweepExpired(T, CAM2, tenMinutes).chunksDeleted()).isEqualTo(3);
        assertThat(indexedStarts(CAM2)).as("the open window keeps everything from minute 3").hasSize(7)
                .startsWith(minute(3));

        // The event ends: its window closes at minute 4 (post-buffer included), and 4 goes.
        protections.protect(new EventProtections.Window(T, CAM2, open, minute(3).plusSeconds(5), minute(4), lapse));
        assertThat(sweeper.sweepExpired(T, CAM2, tenMinutes).chunksDeleted()).isEqualTo(1);
        assertThat(indexedStarts(CAM2)).startsWith(minute(3), minute(5));

        clock.advance(Duration.ofDays(1));
        assertThat(protections.expire(clock.instant())).isEqualTo(2);
        assertThat(sweeper.sweepExpired(T, CAM, tenMinutes).chunksDeleted()).as("lapsed: all go").isEqualTo(8);
        assertThat(sweeper.sweepExpired(T, CAM2, tenMinutes).chunksDeleted()).isEqualTo(6);
        assertThat(files()).isEmpty();
    }
}
