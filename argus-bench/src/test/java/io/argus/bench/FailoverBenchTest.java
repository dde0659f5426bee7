package io.argus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The failover bench's arithmetic: nearest-rank percentiles, and who owns a camera as the API shows it. */
class FailoverBenchTest {
    @Test
    void percentilesAreNearestRank() {
        List<Long> ms = List.of(1300L, 1100L, 1200L, 2900L, 1000L);
        assertThat(FailoverBench.percentile(ms, 50)).isEqualTo(1200);
        assertThat(FailoverBench.percentile(ms, 99)).isEqualTo(2900);
        assertThat(FailoverBench.percentile(List.of(700L), 99)).isEqualTo(700);
        assertThat(FailoverBench.percentile(List.of(), 50)).isZero();
    }

    @Test
    void aCameraWithTwoOwnersForAMomentHasNoneYetAndMovesCountOwnerChanges() {
        CameraOwners before = new CameraOwners(Map.of("c1", Set.of("node-1"), "c2", Set.of("node-2"),
                "c3", Set.of("node-2")));
        CameraOwners during = new CameraOwners(Map.of("c1", Set.of("node-1", "node-3"), "c2", Set.of("node-2")));
        List<String> all = List.of("c1", "c2", "c3");
        assertThat(during.owner("c1")).isNull();
        assertThat(during.settled(all)).isFalse();
        assertThat(before.settled(all)).isTrue();
        assertThat(before.camerasOf("node-2", all)).containsExactly("c2", "c3");
        CameraOwners after = new CameraOwners(Map.of("c1", Set.of("node-3"), "c2", Set.of("node-2"),
                "c3", Set.of("node-2")));
        assertThat(after.moved(before, all)).isEqualTo(1);
    }
}
