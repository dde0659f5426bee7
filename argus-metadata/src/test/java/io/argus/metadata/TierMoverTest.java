package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.Bookmark;
import io.argus.storage.chunk.ChunkCopy;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.StoredChunk;
import io.argus.storage.chunk.Tier;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import io.argus.storage.tier.MoveStep;
import io.argus.storage.tier.MoverStatus;
import io.argus.storage.tier.Promotions;
import io.argus.storage.tier.RestoreState;
import io.argus.storage.tier.Restores;
import io.argus.storage.tier.TierMover;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierService;
import io.argus.storage.tier.TierStage;
import io.argus.storage.tier.TieredChunk;
import io.argus.storage.tier.TieredSegmentStore;
import io.argus.testkit.ManualClock;
import io.argus.testkit.S3Proxies;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The S3 store and the tier mover against s3proxy in this JVM (a real S3 endpoint over a directory), the real
 * index (H2) and a real local store: uploads (single and multipart), ranged reads, moves hot → warm → cold,
 * a mover stopped after every step and resumed, S3 down then up, region pinning, promotion and restores.
 */
@E2e
class TierMoverTest {
    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID CAM = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final int CHUNKS = 4;

    @TempDir
    Path dir;
    Database db;
    JdbcChunkIndex index;
    JdbcTierIndex tiers;
    JdbcBookmarks bookmarks;
    LocalSegmentStore local;
    S3SegmentStore warmUs;
    S3SegmentStore euTarget;
    TieredSegmentStore store;
    S3Proxies s3;
    ManualClock clock;
    final List<ChunkRecord> recorded = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        db = Database.openEmbedded(dir.resolve("db"));
        index = new JdbcChunkIndex(db.dataSource());
        tiers = new JdbcTierIndex(db.dataSource());
        bookmarks = new JdbcBookmarks(db.dataSource());
        clock = new ManualClock(T0);
        s3 = S3Proxies.start(dir.resolve("s3"), "us-bucket", "eu-bucket");
        local = LocalSegmentStore.open(List.of(new LocalVolumeConfig("hot", dir.resolve("hot"), Long.MAX_VALUE, 0)));
        warmUs = S3SegmentStore.open(target("us", "us-bucket", S3Proxies.REGION));
        euTarget = S3SegmentStore.open(target("eu", "eu-bucket", "eu-west-1"));
        store = new TieredSegmentStore(local, Map.of("us", warmUs, "eu", euTarget));
    }

    private S3TargetConfig target(String name, String bucket, String region) {
        return new S3TargetConfig(name, s3.endpoint(), region, bucket, "site1/", true, S3Proxies.ACCESS_KEY,
                S3Proxies.SECRET_KEY, S3TargetConfig.MIN_PART_SIZE);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        s3.close();
        db.close();
    }

    private void at(Duration sinceT0) {
        clock.advance(Duration.between(clock.instant(), T0.plus(sinceT0)));
    }

    private TierMover mover(TierMover.Hook hook) {
        return new TierMover(store, tiers, Map.of("us", warmUs, "eu", euTarget), clock, hook);
    }

    /** Records minute {@code n} with {@code size} random bytes, indexed and chained like the recorder does. */
    private ChunkRecord record(int n, int size) throws Exception {
        ChunkWriter w = store.create(new ChunkKey(T, CAM, T0.plus(Duration.ofMinutes(n))));
        byte[] b = new byte[size];
        new Random(n).nextBytes(b);
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        w.append(buf);
        ChunkInfo info = w.finish();
        ChunkRecord prev = index.last(T, CAM).orElse(null);
        ChunkRecord r = ChunkRecord.of(info, info.key().start().plus(Duration.ofMinutes(1)), "avc1.640028", Tier.HOT,
                prev);
        assertThat(index.add(r)).isTrue();
        w.close();
        recorded.add(r);
        return r;
    }

    private void recordAll() throws Exception {
        for (int i = 0; i < CHUNKS; i++) {
            record(i, 100_000 + i);
        }
    }

    private TierPolicy policy(String warmTarget, String coldClass) {
        TierPolicy p = new TierPolicy(UUID.randomUUID(), T, "p-" + warmTarget, S3Proxies.REGION, 1,
                new TierStage(warmTarget, "STANDARD_IA"), 2, new TierStage(warmTarget, coldClass), 30);
        tiers.createPolicy(p);
        tiers.assign(T, CAM, p.id());
        return p;
    }

    private List<TieredChunk> rows() {
        return tiers.tiered(T, CAM, T0.minusSeconds(1), T0.plus(Duration.ofDays(1)));
    }

    private List<StoredChunk> objects(S3SegmentStore s) throws Exception {
        List<StoredChunk> out = new ArrayList<>();
        s.forEachChunk(out::add);
        return out;
    }

    private List<StoredChunk> localFiles() throws Exception {
        List<StoredChunk> out = new ArrayList<>();
        local.forEachChunk(out::add);
        return out;
    }

    /** Every recorded chunk has exactly one row, in {@code tier}, whose bytes hash to the recorded SHA-256. */
    private void assertAllIn(Tier tier) throws Exception {
        List<TieredChunk> rows = rows();
        assertThat(rows).hasSize(recorded.size());
        for (int i = 0; i < rows.size(); i++) {
            ChunkRecord r = rows.get(i).chunk();
            assertThat(r.tier()).isEqualTo(tier);
            assertThat(r.sha256()).isEqualTo(recorded.get(i).sha256());
            try (ReadableChunk c = store.open(r.location())) {
                assertThat(ChunkCopy.sha256(c)).isEqualTo(r.sha256());
            }
        }
        assertThat(tiers.backlog().chunks()).isZero();
    }

    @Test
    void uploadsSingleAndMultipartAndReadsRanges() throws Exception {
        ChunkRecord small = record(0, 10_000);
        ChunkRecord big = record(1, 12 * 1024 * 1024 + 17);
        for (ChunkRecord r : List.of(small, big)) {
            ChunkInfo copy;
            try (ReadableChunk src = store.open(r.location())) {
                copy = store.put(new ChunkKey(T, CAM, r.start()), new Placement("us", Tier.WARM, "STANDARD_IA"), src);
            }
            assertThat(copy.sha256()).isEqualTo(r.sha256());
            assertThat(copy.location()).startsWith("s3:us/warm/");
            assertThat(store.volumeOf(copy.location())).isEqualTo("s3:us");
            try (ReadableChunk s3c = store.open(copy.location()); ReadableChunk lc = store.open(r.location())) {
                assertThat(s3c.size()).isEqualTo(r.bytes());
                assertThat(s3c.localPath()).isEmpty();
                long off = r.bytes() / 3;
                ByteBuf a = s3c.read(off, 500, ByteBufAllocator.DEFAULT);
                ByteBuf b = lc.read(off, 500, ByteBufAllocator.DEFAULT);
                assertThat(io.netty.buffer.ByteBufUtil.equals(a, b)).isTrue();
                a.release();
                b.release();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThat(s3c.transferTo(10, 5000, Channels.newChannel(out))).isEqualTo(5000);
                ByteBuf c = lc.read(10, 5000, ByteBufAllocator.DEFAULT);
                assertThat(io.netty.buffer.ByteBufUtil.equals(Unpooled.wrappedBuffer(out.toByteArray()), c)).isTrue();
                c.release();
                // A box header and the box after it: one GET (the read-ahead block), the same bytes as on disk.
                long before = warmUs.requests(Tier.WARM);
                ByteBuf h1 = s3c.read(100, 8, ByteBufAllocator.DEFAULT);
                ByteBuf h2 = s3c.read(108, 4000, ByteBufAllocator.DEFAULT);
                ByteBuf d1 = lc.read(100, 8, ByteBufAllocator.DEFAULT);
                ByteBuf d2 = lc.read(108, 4000, ByteBufAllocator.DEFAULT);
                assertThat(warmUs.requests(Tier.WARM) - before).isEqualTo(1);
                assertThat(io.netty.buffer.ByteBufUtil.equals(h1, d1) && io.netty.buffer.ByteBufUtil.equals(h2, d2))
                        .isTrue();
                h1.release();
                h2.release();
                d1.release();
                d2.release();
                assertThatThrownBy(() -> s3c.read(r.bytes() - 1, 2, ByteBufAllocator.DEFAULT))
                        .isInstanceOf(java.io.EOFException.class);
            }
        }
        assertThat(objects(warmUs)).hasSize(2);
        // The object is where the target's prefix says, in the bucket's directory.
        assertThat(Files.exists(s3.bucketDir("us-bucket").resolve("site1/warm/" + T + "/" + CAM))).isTrue();
        assertThat(store.delete("s3:us/warm/" + io.argus.storage.chunk.ChunkLayout.relativePath(
                new ChunkKey(T, CAM, small.start())))).isTrue();
        assertThat(objects(warmUs)).hasSize(1);
    }

    @Test
    void movesHotToWarmToColdAndRestores() throws Exception {
        recordAll();
        policy("us", "GLACIER");
        at(Duration.ofHours(36));
        MoverStatus s = mover(TierMover.Hook.NONE).pass();
        assertThat(s.movedTotal()).isEqualTo(CHUNKS);
        assertAllIn(Tier.WARM);
        assertThat(localFiles()).isEmpty();
        assertThat(objects(warmUs)).hasSize(CHUNKS);
        assertThat(rows()).allSatisfy(t -> assertThat(t.storageClass()).isEqualTo("STANDARD_IA"));

        at(Duration.ofDays(4));
        mover(TierMover.Hook.NONE).pass();
        assertAllIn(Tier.COLD);
        assertThat(objects(warmUs)).hasSize(CHUNKS).allSatisfy(o -> assertThat(o.location()).contains("/cold/"));
        assertThat(rows()).allSatisfy(t -> assertThat(t.restoreNeeded(clock.instant())).isTrue());

        Restores.Result r = Restores.request(tiers, Map.of("us", warmUs), clock, T, CAM, T0,
                T0.plus(Duration.ofMinutes(2)), 3);
        assertThat(r.requested()).hasSize(2);
        // s3proxy has no archive classes (RestoreObject: NotImplemented): readable at once, for the days asked.
        List<TieredChunk> after = rows();
        assertThat(after.subList(0, 2)).allSatisfy(t -> {
            assertThat(t.restore()).isEqualTo(RestoreState.RESTORED);
            assertThat(t.restoreNeeded(clock.instant())).isFalse();
            assertThat(t.restoreNeeded(clock.instant().plus(Duration.ofDays(4)))).isTrue();
        });
        assertThat(after.subList(2, CHUNKS)).allSatisfy(t -> assertThat(t.restoreNeeded(clock.instant())).isTrue());
    }

    /** The mover stops dead after each step (as a kill would), on the first move; a new one finishes the job. */
    @ParameterizedTest
    @EnumSource(MoveStep.class)
    void resumesAfterStoppingAtEveryStep(MoveStep at) throws Exception {
        recordAll();
        policy("us", "GLACIER_IR");
        at(Duration.ofHours(36));
        boolean[] stopped = {false};
        assertThatThrownBy(() -> mover((step, m) -> {
            if (step == at && !stopped[0]) {
                stopped[0] = true;
                throw new Killed();
            }
        }).pass()).isInstanceOf(Killed.class);
        assertThat(stopped[0]).isTrue();
        mover(TierMover.Hook.NONE).pass();
        assertAllIn(Tier.WARM);
        assertThat(objects(warmUs)).hasSize(CHUNKS);
        assertThat(localFiles()).isEmpty();
    }

    /** Stands for a kill: escapes the mover's error handling as an Error would. */
    private static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    @Test
    void s3DownKeepsChunksLocalRaisesTheAlertAndCatchesUp() throws Exception {
        recordAll();
        policy("us", "GLACIER_IR");
        at(Duration.ofHours(36));
        s3.stop();
        TierMover mover = mover(TierMover.Hook.NONE);
        MoverStatus down = mover.pass();
        assertThat(down.backlogChunks()).isEqualTo(CHUNKS);
        assertThat(down.backlogBytes()).isEqualTo(recorded.stream().mapToLong(ChunkRecord::bytes).sum());
        assertThat(down.failingTargets()).containsExactly("us");
        assertThat(down.alert()).isTrue();
        assertThat(down.lastError()).contains("us");
        assertAllInHotStill();
        s3.start();
        MoverStatus up = mover.pass();
        assertThat(up.alert()).isFalse();
        assertThat(up.backlogChunks()).isZero();
        assertAllIn(Tier.WARM);
        assertThat(objects(warmUs)).hasSize(CHUNKS);
    }

    @Test
    void aDamagedChunkStaysWhereItIsAndHoldsNothingElseBack() throws Exception {
        recordAll();
        policy("us", "GLACIER_IR");
        at(Duration.ofHours(36));
        Path damaged = local.localPath(recorded.get(0).location()).orElseThrow();
        byte[] b = Files.readAllBytes(damaged);
        b[b.length / 2] ^= 1;
        Files.write(damaged, b);
        TierMover mover = mover(TierMover.Hook.NONE);
        for (int pass = 0; pass < 2; pass++) {
            MoverStatus s = mover.pass();
            assertThat(s.movedTotal()).isEqualTo(CHUNKS - 1);
            assertThat(s.backlogChunks()).isEqualTo(1);
            assertThat(s.failingTargets()).isEmpty();
            assertThat(s.lastError()).contains("does not match its index hash");
        }
        List<TieredChunk> rows = rows();
        assertThat(rows.get(0).chunk().tier()).isEqualTo(Tier.HOT);
        assertThat(rows.subList(1, CHUNKS)).allSatisfy(t -> assertThat(t.chunk().tier()).isEqualTo(Tier.WARM));
        assertThat(Files.exists(damaged)).isTrue();
        assertThat(objects(warmUs)).hasSize(CHUNKS - 1);
    }

    private void assertAllInHotStill() throws Exception {
        assertThat(rows()).hasSize(CHUNKS).allSatisfy(t -> assertThat(t.chunk().tier()).isEqualTo(Tier.HOT));
        assertThat(localFiles()).hasSize(CHUNKS);
    }

    @Test
    void aPinnedPolicyNeverWritesToAnotherRegionsBucket() throws Exception {
        recordAll();
        // The policy is pinned to us-east-1 but names the eu target (eu-west-1): the mover refuses.
        TierPolicy wrong = new TierPolicy(UUID.randomUUID(), T, "wrong", S3Proxies.REGION, 1,
                new TierStage("eu", "STANDARD"), 0, null, 30);
        tiers.createPolicy(wrong);
        tiers.assign(T, CAM, wrong.id());
        at(Duration.ofDays(2));
        mover(TierMover.Hook.NONE).pass();
        assertAllInHotStill();
        assertThat(objects(euTarget)).isEmpty();
        // A policy in its region moves everything there, and still nothing to the other bucket.
        TierPolicy right = policy("us", "GLACIER_IR");
        tiers.assign(T, CAM, right.id());
        mover(TierMover.Hook.NONE).pass();
        assertAllIn(Tier.WARM);
        assertThat(objects(euTarget)).isEmpty();
        assertThat(Files.list(s3.bucketDir("eu-bucket")).count()).isZero();
    }

    @Test
    void promotionBringsAWindowBackHotAndHoldsItWhileBookmarked() throws Exception {
        recordAll();
        policy("us", "GLACIER_IR");
        at(Duration.ofHours(36));
        mover(TierMover.Hook.NONE).pass();
        assertAllIn(Tier.WARM);
        bookmarks.add(new Bookmark(T, CAM, UUID.randomUUID(), T0, T0.plus(Duration.ofMinutes(2)), "incident",
                clock.instant()));
        Promotions.Result p = Promotions.promote(tiers, T, CAM, T0, T0.plus(Duration.ofMinutes(2)), clock.instant(),
                clock.instant().plus(Duration.ofDays(1)));
        assertThat(p.planned()).hasSize(2);
        mover(TierMover.Hook.NONE).pass();
        List<TieredChunk> rows = rows();
        assertThat(rows.subList(0, 2)).allSatisfy(t -> assertThat(t.chunk().tier()).isEqualTo(Tier.HOT));
        assertThat(localFiles()).hasSize(2);
        assertThat(objects(warmUs)).hasSize(CHUNKS - 2);
        // Past the hold, the bookmark still keeps them hot; once it goes they age out again.
        at(Duration.ofDays(3));
        mover(TierMover.Hook.NONE).pass();
        assertThat(rows().subList(0, 2)).allSatisfy(t -> assertThat(t.chunk().tier()).isEqualTo(Tier.HOT));
        bookmarks.delete(T, bookmarks.list(T, CAM, T0, T0.plus(Duration.ofDays(1))).get(0).id());
        mover(TierMover.Hook.NONE).pass();
        assertThat(rows()).allSatisfy(t -> assertThat(t.chunk().tier()).isNotEqualTo(Tier.HOT));
        assertThat(localFiles()).isEmpty();
        for (int i = 0; i < CHUNKS; i++) {
            try (ReadableChunk c = store.open(rows().get(i).chunk().location())) {
                assertThat(ChunkCopy.sha256(c)).isEqualTo(recorded.get(i).sha256());
            }
        }
    }

    /**
     * An event whose window has moved to object storage brings it back hot (EventWindows' call), held until the
     * time it asks; a window all hot is left alone without a write.
     */
    @Test
    void anEventBringsItsMovedWindowBackHot() throws Exception {
        recordAll();
        policy("us", "GLACIER_IR");
        at(Duration.ofHours(36));
        Map<String, S3SegmentStore> targets = Map.of("us", warmUs, "eu", euTarget);
        List<Integer> passesAsked = new ArrayList<>();
        TierService service = new TierService(tiers, targets, mover(TierMover.Hook.NONE), Map.of(), clock,
                () -> passesAsked.add(1));
        Instant hotUntil = clock.instant().plus(Duration.ofDays(2));
        assertThat(service.promoteMoved(T, CAM, T0, T0.plus(Duration.ofMinutes(2)), hotUntil))
                .as("all hot yet").isEmpty();
        assertThat(rows()).allSatisfy(t -> assertThat(t.hotUntil()).isNull());

        mover(TierMover.Hook.NONE).pass();
        assertAllIn(Tier.WARM);
        Optional<Promotions.Result> p = service.promoteMoved(T, CAM, T0.plusSeconds(30),
                T0.plus(Duration.ofMinutes(1)).plusSeconds(10), hotUntil);
        assertThat(p).hasValueSatisfying(r -> assertThat(r.planned()).hasSize(2));
        assertThat(passesAsked).hasSize(1);
        mover(TierMover.Hook.NONE).pass();
        List<TieredChunk> rows = rows();
        assertThat(rows.subList(0, 2)).allSatisfy(t -> {
            assertThat(t.chunk().tier()).isEqualTo(Tier.HOT);
            assertThat(t.hotUntil()).isEqualTo(hotUntil);
        });
        assertThat(rows.subList(2, CHUNKS)).allSatisfy(t -> assertThat(t.chunk().tier()).isEqualTo(Tier.WARM));
        assertThat(localFiles()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            try (ReadableChunk c = store.open(rows.get(i).chunk().location())) {
                assertThat(ChunkCopy.sha256(c)).isEqualTo(recorded.get(i).sha256());
            }
        }
        // Held hot until then, not after.
        at(Duration.ofDays(4));
        mover(TierMover.Hook.NONE).pass();
        assertThat(rows()).allSatisfy(t -> assertThat(t.chunk().tier()).isNotEqualTo(Tier.HOT));
    }
}
