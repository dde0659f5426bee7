package io.argus.cluster.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardRangesTest {
    @Test
    void runsAreWrittenAsRangesAndReadBack() {
        Set<Integer> shards = Set.of(0, 1, 2, 3, 7, 9, 10, 4095);
        String text = ShardRanges.format(shards);
        assertThat(text).isEqualTo("0-3,7,9-10,4095");
        assertThat(ShardRanges.parse(text, 4096).stream().boxed().collect(Collectors.toSet())).isEqualTo(shards);
    }

    @Test
    void noShardsIsEmpty() {
        assertThat(ShardRanges.format(List.of())).isEmpty();
        assertThat(ShardRanges.parse("", 64).isEmpty()).isTrue();
    }

    @Test
    void aThirdOfFourThousandShardsInRunsIsShort() {
        String text = ShardRanges.format(IntStream.range(0, 4096).filter(s -> s % 96 < 32).boxed().toList());
        assertThat(text.length()).isLessThan(500);
    }

    @Test
    void shardsPastTheCountOrBackwardsAreRefused() {
        assertThatThrownBy(() -> ShardRanges.parse("60-64", 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardRanges.parse("9-3", 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardRanges.parse("x", 64)).isInstanceOf(IllegalArgumentException.class);
    }
}
