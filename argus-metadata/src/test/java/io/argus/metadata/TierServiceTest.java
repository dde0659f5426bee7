package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.Tier;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import io.argus.storage.tier.Promotions;
import io.argus.storage.tier.TierException;
import io.argus.storage.tier.TierMover;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierPrice;
import io.argus.storage.tier.TierService;
import io.argus.storage.tier.TierStage;
import io.argus.storage.tier.TieredSegmentStore;
import io.argus.storage.tier.UsageReport;
import io.argus.testkit.ManualClock;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tier operations over the real index (H2) with two targets that are never asked anything (opening a target
 * makes no request): region pinning, unique names, references to policies that exist, the days a restore or
 * promotion takes, promotion of hot chunks, and the usage report's prices.
 */
@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class TierServiceTest {
    @Parameter
    Engine engine;

    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID CAM = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002");
    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");

    @TempDir
    Path dir;
    Database db;
    LocalSegmentStore local;
    JdbcChunkIndex chunks;
    ManualClock clock;
    final AtomicInteger passesAsked = new AtomicInteger();
    TierService service;

    @BeforeEach
    void open() throws Exception {
        db = engine.open(dir.resolve("db"));
        chunks = new JdbcChunkIndex(db.dataSource());
        JdbcTierIndex index = new JdbcTierIndex(db.dataSource());
        clock = new ManualClock(T0);
        local = LocalSegmentStore.open(List.of(new LocalVolumeConfig("hot", dir.resolve("hot"), Long.MAX_VALUE, 0)));
        Map<String, S3SegmentStore> targets = new LinkedHashMap<>();
        targets.put("us", S3SegmentStore.open(target("us", "us-east-1")));
        targets.put("eu", S3SegmentStore.open(target("eu", "eu-west-1")));
        TierMover mover = new TierMover(new TieredSegmentStore(local, targets), index, targets, clock,
                TierMover.Hook.NONE);
        service = new TierService(index, targets, mover, Map.of(Tier.HOT, new TierPrice(0.02, 0),
                Tier.WARM, new TierPrice(0.01, 0.005)), clock, passesAsked::incrementAndGet);
    }

    private static S3TargetConfig target(String name, String region) {
        return new S3TargetConfig(name, URI.create("http://127.0.0.1:9"), region, name + "-bucket", "", true,
                "key", "secret", S3TargetConfig.MIN_PART_SIZE);
    }

    @AfterEach
    void close() throws Exception {
        local.close();
        db.close();
    }

    private static TierPolicy policy(String name, String warmTarget) {
        return new TierPolicy(UUID.randomUUID(), T, name, "us-east-1", 1, new TierStage(warmTarget, "STANDARD_IA"),
                2, null, 30);
    }

    private static void refused(ThrowingCallable call, TierException.Reason reason, String message) {
        assertThatThrownBy(call).isInstanceOf(TierException.class).hasMessageContaining(message)
                .extracting(e -> ((TierException) e).reason()).isEqualTo(reason);
    }

    @Test
    void policiesArePinnedToTheirRegionAndNamedOnce() {
        refused(() -> service.createPolicy(policy("eu-warm", "eu")), TierException.Reason.INVALID,
                "warm.target: target 'eu' is in region eu-west-1, and the policy is pinned to us-east-1");
        refused(() -> service.createPolicy(policy("nowhere", "mars")), TierException.Reason.INVALID,
                "no storage target 'mars' is configured");
        assertThat(service.policies(T)).isEmpty();

        TierPolicy p = policy("us-warm", "us");
        service.createPolicy(p);
        assertThat(service.policy(T, p.id())).hasValue(p);
        refused(() -> service.createPolicy(policy("us-warm", "us")), TierException.Reason.CONFLICT, "us-warm");
        refused(() -> service.updatePolicy(policy("other", "eu")), TierException.Reason.INVALID, "eu-west-1");
        refused(() -> service.updatePolicy(policy("other", "us")), TierException.Reason.NOT_FOUND,
                "no storage policy with id");
        service.deletePolicy(T, p.id());
        refused(() -> service.deletePolicy(T, p.id()), TierException.Reason.NOT_FOUND, p.id().toString());
    }

    @Test
    void assignmentsAndDefaultsNameAPolicyOfTheTenant() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> service.assign(T, CAM, unknown)).isInstanceOf(TierException.class)
                .hasMessage("no storage policy with id " + unknown)
                .extracting(e -> ((TierException) e).fields()).isEqualTo(Map.of("policyId", "no such policy"));
        refused(() -> service.setTenantDefault(T, unknown), TierException.Reason.INVALID, unknown.toString());

        TierPolicy p = policy("keep", "us");
        service.createPolicy(p);
        service.setTenantDefault(T, p.id());
        assertThat(service.tenantDefault(T)).hasValue(p.id());
        assertThat(service.retentionFor(T, CAM)).as("the tenant default applies").hasValue(Duration.ofDays(30));
        service.assign(T, CAM, p.id());
        assertThat(service.assigned(T, CAM)).hasValue(p.id());
        service.assign(T, CAM, null);
        assertThat(service.assigned(T, CAM)).isEmpty();
    }

    @Test
    void restoresAndPromotionsTakeOneDayToAYear() {
        for (int days : new int[] {0, -1, TierService.MAX_DAYS + 1}) {
            assertThatThrownBy(() -> service.restore(T, CAM, T0, T0.plusSeconds(60), days))
                    .isInstanceOf(TierException.class).hasMessage("days must be 1..365")
                    .extracting(e -> ((TierException) e).fields()).isEqualTo(Map.of("days", "1..365"));
            refused(() -> service.promote(T, CAM, T0, T0.plusSeconds(60), days), TierException.Reason.INVALID,
                    "days must be 1..365");
        }
    }

    @Test
    void hotChunksArePromotedInPlaceWithoutAMoverPass() throws Exception {
        ChunkRecord r = record();
        clock.advance(Duration.ofHours(1));
        service.requireReadable(T, CAM, T0, T0.plusSeconds(60));
        assertThat(service.restoreNeeded(T, CAM, T0, T0.plusSeconds(60))).isEmpty();

        Promotions.Result res = service.promote(T, CAM, T0, T0.plusSeconds(60), 3);
        assertThat(res.alreadyHot()).extracting(ChunkRecord::location).containsExactly(r.location());
        assertThat(res.planned()).isEmpty();
        assertThat(res.hotUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
        assertThat(passesAsked).as("nothing to move: no pass asked for").hasValue(0);
    }

    @Test
    void usageIsPricedPerTier() throws Exception {
        ChunkRecord r = record();
        UsageReport u = service.usage(T);
        assertThat(u.cameras()).containsExactly(new UsageReport.CameraTier(CAM.toString(), "hot", 1, r.bytes()));
        assertThat(u.tiers()).extracting(UsageReport.TierTotal::tier).containsExactly("hot", "warm", "cold");
        UsageReport.TierTotal hot = u.tiers().get(0);
        assertThat(hot.bytes()).isEqualTo(r.bytes());
        assertThat(hot.storageCost()).isEqualTo(r.bytes() / 1e9 * 0.02);
        assertThat(u.tiers().get(1).per1000RequestsPrice()).isEqualTo(0.005);
        assertThat(u.tiers().get(2).gbMonthPrice()).as("no price: free").isZero();
        assertThat(u.monthlyCost()).isEqualTo(hot.storageCost());
    }

    /** A minute of bytes at T0, indexed hot. */
    private ChunkRecord record() throws Exception {
        ChunkWriter w = local.create(new ChunkKey(T, CAM, T0));
        w.append(Unpooled.wrappedBuffer(new byte[4096]));
        ChunkInfo info = w.finish();
        ChunkRecord r = ChunkRecord.of(info, T0.plus(Duration.ofMinutes(1)), "avc1.640028", Tier.HOT, null);
        assertThat(chunks.add(r)).isTrue();
        w.close();
        return r;
    }
}
