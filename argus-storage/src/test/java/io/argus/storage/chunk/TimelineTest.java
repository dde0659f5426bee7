package io.argus.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID CAMERA = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final String HASH = "ab".repeat(32);

    private static ChunkRecord chunk(long startMillis, long endMillis) {
        return new ChunkRecord(TENANT, CAMERA, T0.plusMillis(startMillis), T0.plusMillis(endMillis), 100, "avc1",
                Tier.HOT, "v0", "v0/" + startMillis, HASH, null);
    }

    private static Instant t(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void touchingChunksAreOneSpanAndHolesBeyondTheToleranceAreGaps() {
        long tol = ChunkIndex.GAP_TOLERANCE.toMillis();
        List<ChunkRecord> chunks = List.of(
                chunk(0, 60_000),
                chunk(60_000, 120_000),              // touches exactly
                chunk(120_000 + tol, 180_000),       // within tolerance: still one span
                chunk(180_000 + tol + 1, 240_000),   // just beyond: a gap of tolerance + 1 ms
                chunk(230_000, 250_000),             // overlaps the previous (clock stepped back)
                chunk(400_000, 460_000));
        assertThat(Timeline.spans(chunks, t(0), t(500_000))).containsExactly(
                Span.recorded(t(0), t(180_000)),
                Span.gap(t(180_000), t(180_000 + tol + 1)),
                Span.recorded(t(180_000 + tol + 1), t(250_000)),
                Span.gap(t(250_000), t(400_000)),
                Span.recorded(t(400_000), t(460_000)),
                Span.gap(t(460_000), t(500_000)));
    }

    @Test
    void theWindowClipsChunksAndItsEdgesAreExact() {
        List<ChunkRecord> chunks = List.of(chunk(0, 60_000), chunk(60_000, 120_000));
        assertThat(Timeline.spans(chunks, t(30_000), t(90_000)))
                .containsExactly(Span.recorded(t(30_000), t(90_000)));
        assertThat(Timeline.spans(chunks, t(-100), t(120_100))).containsExactly(
                Span.gap(t(-100), t(0)), Span.recorded(t(0), t(120_000)), Span.gap(t(120_000), t(120_100)));
        assertThat(Timeline.spans(List.of(), t(0), t(1))).containsExactly(Span.gap(t(0), t(1)));
        assertThatThrownBy(() -> Timeline.spans(chunks, t(5), t(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spansAlwaysTileTheWindow() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 500; round++) {
            List<ChunkRecord> chunks = new ArrayList<>();
            long s = random.nextInt(5_000);
            for (int i = 0; i < 20; i++) {
                long len = 1 + random.nextInt(60_000);
                chunks.add(chunk(s, s + len));
                s += len + random.nextInt(2_000) - 300;
            }
            chunks.sort(java.util.Comparator.comparing(ChunkRecord::start));
            Instant from = t(random.nextInt(100_000));
            Instant to = from.plusMillis(1 + random.nextInt(1_000_000));
            List<Span> spans = Timeline.spans(chunks, from, to);
            Instant cursor = from;
            for (int i = 0; i < spans.size(); i++) {
                assertThat(spans.get(i).from()).isEqualTo(cursor);
                if (i > 0) {
                    assertThat(spans.get(i).kind()).as("kinds alternate").isNotEqualTo(spans.get(i - 1).kind());
                }
                cursor = spans.get(i).to();
            }
            assertThat(cursor).isEqualTo(to);
            for (Span gap : spans) {
                if (gap.kind() == Span.Kind.GAP) {
                    for (ChunkRecord c : chunks) {
                        assertThat(c.end().isAfter(gap.from()) && c.start().isBefore(gap.to()))
                                .as("no chunk inside gap %s", gap).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void coverageCountsRecordedMillisPerMinute() {
        List<Span> spans = Timeline.spans(List.of(chunk(30_000, 150_000), chunk(150_000, 150_500)), t(0),
                t(240_000));
        int[] minutes = Timeline.coverageByMinute(spans, t(0), t(240_000));
        assertThat(minutes).containsExactly(30_000, 60_000, 30_500, 0);
        assertThat(Arrays.stream(minutes).sum()).isEqualTo(120_500);
    }

    @Test
    void aDaylightSavingDayHasItsOwnNumberOfMinutes() {
        ChunkIndex empty = new ChunkIndex() {
            @Override
            public boolean add(ChunkRecord record, long epoch) {
                return false;
            }

            @Override
            public java.util.Optional<ChunkRecord> last(UUID tenant, UUID camera) {
                return java.util.Optional.empty();
            }

            @Override
            public List<ChunkRecord> find(UUID tenant, UUID camera, Instant from, Instant to) {
                return List.of(chunk(Duration.between(T0, from).toMillis(),
                        Duration.between(T0, from).toMillis() + 90_000));
            }

            @Override
            public java.util.Map<String, ChunkConversion> conversions(UUID tenant, UUID camera, Instant from,
                                                                      Instant to) {
                return java.util.Map.of();
            }

            @Override
            public List<ChunkRecord> oldestUnprotected(String volume, int limit) {
                return List.of();
            }

            @Override
            public List<ChunkRecord> olderThan(UUID tenant, UUID camera, Instant before, int limit) {
                return List.of();
            }

            @Override
            public boolean delete(UUID tenant, String location) {
                return false;
            }
        };
        int[] springForward = empty.coverageByMinute(TENANT, CAMERA, java.time.LocalDate.parse("2025-03-30"),
                java.time.ZoneId.of("Europe/Berlin"));
        assertThat(springForward).hasSize(23 * 60);
        assertThat(springForward[0]).isEqualTo(60_000);
        assertThat(springForward[1]).isEqualTo(30_000);
    }

    @Test
    void recordsValidateTheirHashesAndDuration() {
        assertThatThrownBy(() -> new ChunkRecord(TENANT, CAMERA, T0, T0.plus(Duration.ofMinutes(61)), 1, "avc1",
                Tier.HOT, "v0", "x", HASH, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkRecord(TENANT, CAMERA, T0, T0, 1, "avc1", Tier.HOT, "v0", "x",
                HASH.toUpperCase(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkRecord(TENANT, CAMERA, T0, T0, 1, "avc1", Tier.HOT, "v0", "x", HASH,
                "zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        ChunkRecord r = new ChunkRecord(TENANT, CAMERA, T0.plusNanos(1_234_567), T0.plusSeconds(60), 1, "avc1",
                Tier.HOT, "v0", "x", HASH, HASH);
        assertThat(r.start()).isEqualTo(T0.plusNanos(1_234_000));
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(60).minusNanos(1_234_000));
    }
}
