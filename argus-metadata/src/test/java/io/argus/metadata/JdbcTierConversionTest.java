package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.Tier;
import io.argus.storage.tier.ChunkMove;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierReencode;
import io.argus.storage.tier.TierStage;
import io.argus.storage.tier.TierUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tier conversion in the index (migration V11) on H2 and PostgreSQL: a stage's reencode round-trips with its
 * policy; a move's converted copy survives in the move row from COPIED on (a mover killed after the copy resumes
 * with it) and the switch records it beside the original's hash, which stays the chain's link; usage counts the
 * stored (converted) bytes.
 */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith(SystemScope.class)
class JdbcTierConversionTest {
    @Parameter
    Engine engine;

    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID CAM = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000003");
    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final String ORIGINAL = "a".repeat(64);
    private static final ChunkConversion CONVERTED = new ChunkConversion("H265", "300kbps", 400, "b".repeat(64));

    @TempDir
    Path dir;
    Database db;
    JdbcChunkIndex chunks;
    JdbcTierIndex index;

    @BeforeEach
    void open() throws Exception {
        db = engine.open(dir.resolve("db"));
        chunks = new JdbcChunkIndex(db.dataSource());
        index = new JdbcTierIndex(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aStagesReencodeIsSavedWithItsPolicy() {
        TierPolicy p = new TierPolicy(UUID.randomUUID(), T, "convert", "us-east-1", 1,
                new TierStage("us", "STANDARD_IA", new TierReencode("h265", 0, 300)), 2,
                new TierStage("us", "GLACIER_IR", new TierReencode(null, 30, 0)), 30);
        index.createPolicy(p);
        assertThat(index.policy(T, p.id())).contains(p);
        TierPolicy plain = new TierPolicy(p.id(), T, "convert", "us-east-1", 1, new TierStage("us", "STANDARD_IA"),
                0, null, 30);
        assertThat(index.updatePolicy(plain)).isTrue();
        assertThat(index.policy(T, p.id())).contains(plain);
        assertThatThrownBy(() -> new TierReencode("av1", 30, 0)).hasMessageContaining("av1");
        assertThatThrownBy(() -> new TierReencode("h265", 30, 300)).hasMessageContaining("either");
    }

    @Test
    void aConvertedCopyIsKeptThroughTheMoveAndRecordedBesideTheOriginalsHash() {
        String hot = "hot/" + T + "/" + CAM + "/1.mp4";
        assertThat(chunks.add(new ChunkRecord(T, CAM, T0, T0.plusSeconds(4), 1000, "avc1.64001f", Tier.HOT, "hot",
                hot, ORIGINAL, null))).isTrue();
        assertThat(index.conversion(T, hot)).isEmpty();
        ChunkMove planned = new ChunkMove(T, CAM, T0, hot, 1000, ORIGINAL, new Placement("us", Tier.WARM,
                "STANDARD"), null, ChunkMove.State.PLANNED, null, 0, null, null);
        assertThat(index.planMove(planned)).isTrue();
        String warm = "s3:us/warm/1.mp4";
        index.advance(planned.converted(CONVERTED).with(ChunkMove.State.COPIED, warm));

        ChunkMove resumed = index.moves(10).get(0);
        assertThat(resumed.state()).isEqualTo(ChunkMove.State.COPIED);
        assertThat(resumed.conversion()).isEqualTo(CONVERTED);
        assertThat(resumed.copySha256()).isEqualTo(CONVERTED.sha256());
        assertThat(index.switchLocation(resumed.with(ChunkMove.State.VERIFIED, warm), "us")).isTrue();

        assertThat(index.conversion(T, warm)).contains(CONVERTED);
        assertThat(chunks.conversions(T, CAM, T0, T0.plusSeconds(4))).containsExactlyEntriesOf(
                java.util.Map.of(warm, CONVERTED));
        ChunkRecord row = chunks.find(T, CAM, T0, T0.plusSeconds(4)).get(0);
        assertThat(row.sha256()).isEqualTo(ORIGINAL);
        assertThat(row.bytes()).isEqualTo(1000);
        assertThat(index.usage(T)).containsExactly(new TierUsage(CAM, Tier.WARM, 1, CONVERTED.bytes()));
    }
}
