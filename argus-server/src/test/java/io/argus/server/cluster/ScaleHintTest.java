package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleHintTest {
    private static NodeAnnouncement node(String name, int cameras, int capacity) {
        return new NodeAnnouncement(name, "http://" + name, NodeAnnouncement.UP, cameras, capacity, "", "0", "1.0");
    }

    @Test
    void aNodeOverEightyPercentAddsOneOnlyWhenTheOthersCannotTakeItsExcess() {
        assertThat(ScaleHint.of(List.of(node("a", 90, 100), node("b", 60, 100)))).isZero();
        assertThat(ScaleHint.of(List.of(node("a", 95, 100), node("b", 70, 100)))).isEqualTo(1);
        assertThat(ScaleHint.of(List.of(node("a", 81, 100)))).isEqualTo(1);
        assertThat(ScaleHint.of(List.of(node("a", 80, 100)))).isZero();
    }

    @Test
    void oneLessWhenTheClusterStaysUnderHalfWithoutItsSmallestNode() {
        assertThat(ScaleHint.of(List.of(node("a", 20, 100), node("b", 20, 100), node("c", 10, 50)))).isEqualTo(-1);
        assertThat(ScaleHint.of(List.of(node("a", 60, 100), node("b", 50, 100)))).isZero();
        assertThat(ScaleHint.of(List.of(node("a", 1, 100)))).isZero();
        assertThat(ScaleHint.of(List.of())).isZero();
    }
}
