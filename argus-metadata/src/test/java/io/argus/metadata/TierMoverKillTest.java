package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.storage.chunk.ChunkCopy;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.StoredChunk;
import io.argus.storage.chunk.Tier;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import io.argus.storage.tier.TierMover;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierStage;
import io.argus.storage.tier.TieredChunk;
import io.argus.storage.tier.TieredSegmentStore;
import io.argus.testkit.ChildJvm;
import io.argus.testkit.S3Proxies;
import io.argus.testkit.tier.Kill;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a real mover process at each step, and in the middle of a multipart upload: a new mover in this JVM
 * finishes the job with every chunk moved exactly once, its bytes intact, nothing left behind locally.
 */
@Kill
class TierMoverKillTest {
    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID CAM = UUID.fromString("aaaaaaaa-0000-4000-8000-0000000000aa");
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"UPLOAD", "COPY", "VERIFY", "SWITCH", "DELETE"})
    void resumesAfterKill9(String at) throws Exception {
        List<String> hashes = new ArrayList<>();
        try (S3Proxies s3 = S3Proxies.start(dir.resolve("s3"), "us-bucket")) {
            Database db = Database.openEmbedded(dir.resolve("db"));
            JdbcChunkIndex index = new JdbcChunkIndex(db.dataSource());
            JdbcTierIndex tiers = new JdbcTierIndex(db.dataSource());
            try (LocalSegmentStore local = open()) {
                ChunkRecord prev = null;
                for (int i = 0; i < 3; i++) {
                    // 7 MiB: a multipart upload of a 5 MiB and a 2 MiB part.
                    prev = record(local, index, i, (7 << 20) + i, prev);
                    hashes.add(prev.sha256());
                }
            }
            TierPolicy p = new TierPolicy(UUID.randomUUID(), T, "p", S3Proxies.REGION, 1,
                    new TierStage("us", "STANDARD_IA"), 0, null, 30);
            tiers.createPolicy(p);
            tiers.assign(T, CAM, p.id());
            db.close();

            try (ChildJvm child = ChildJvm.start(List.of(), TierMoverChild.class.getName(), dir.toString(),
                    s3.endpoint().toString(), at)) {
                // Fails if the child ends first (having printed DONE or AT END) or never gets there.
                child.await(l -> l.equals("AT " + at), Duration.ofSeconds(60));
                assertThat(child.output()).as("the child ended before step " + at).doesNotContain("DONE", "AT END");
                assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(ChildJvm.EXIT_SIGKILL);
            }

            db = Database.openEmbedded(dir.resolve("db"));
            tiers = new JdbcTierIndex(db.dataSource());
            try (LocalSegmentStore local = open(); S3SegmentStore us = S3SegmentStore.open(new S3TargetConfig("us",
                    s3.endpoint(), S3Proxies.REGION, "us-bucket", "site1/", true, S3Proxies.ACCESS_KEY,
                    S3Proxies.SECRET_KEY, S3TargetConfig.MIN_PART_SIZE))) {
                TieredSegmentStore store = new TieredSegmentStore(local, Map.of("us", us));
                new TierMover(store, tiers, Map.of("us", us), Clock.systemUTC(), TierMover.Hook.NONE).pass();
                List<TieredChunk> rows = tiers.tiered(T, CAM, T0.minusSeconds(1), T0.plus(Duration.ofHours(1)));
                assertThat(rows).hasSize(3);
                for (int i = 0; i < 3; i++) {
                    ChunkRecord r = rows.get(i).chunk();
                    assertThat(r.tier()).isEqualTo(Tier.WARM);
                    try (ReadableChunk c = store.open(r.location())) {
                        assertThat(ChunkCopy.sha256(c)).isEqualTo(hashes.get(i));
                    }
                }
                List<StoredChunk> objects = new ArrayList<>();
                us.forEachChunk(objects::add);
                assertThat(objects).hasSize(3);
                List<StoredChunk> files = new ArrayList<>();
                local.forEachChunk(files::add);
                assertThat(files).isEmpty();
                assertThat(tiers.backlog().chunks()).isZero();
            } finally {
                db.close();
            }
        }
    }

    private LocalSegmentStore open() throws Exception {
        return LocalSegmentStore.open(List.of(new LocalVolumeConfig("hot", dir.resolve("hot"), Long.MAX_VALUE, 0)));
    }

    private static ChunkRecord record(LocalSegmentStore store, JdbcChunkIndex index, int n, int size,
                                      ChunkRecord prev) throws Exception {
        ChunkWriter w = store.create(new ChunkKey(T, CAM, T0.plus(Duration.ofMinutes(n))));
        byte[] b = new byte[size];
        new Random(n).nextBytes(b);
        w.append(Unpooled.wrappedBuffer(b));
        ChunkInfo info = w.finish();
        ChunkRecord r = ChunkRecord.of(info, info.key().start().plus(Duration.ofMinutes(1)), "avc1.640028", Tier.HOT,
                prev);
        assertThat(index.add(r)).isTrue();
        w.close();
        return r;
    }
}
