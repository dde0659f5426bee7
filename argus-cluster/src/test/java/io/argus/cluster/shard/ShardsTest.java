package io.argus.cluster.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ShardsTest {
    @Test
    void aCameraHashesToTheShardKafkasDefaultPartitionerPicksForItsId() {
        Shards shards = new Shards(1024);
        for (int i = 0; i < 1000; i++) {
            String id = "camera-" + i;
            assertThat(shards.shardOf(id)).isEqualTo(
                    BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 1024));
        }
    }

    @Test
    void tenThousandCamerasSpreadOverTheShards() {
        Shards shards = new Shards(256);
        int[] per = new int[256];
        for (int i = 0; i < 10_000; i++) {
            per[shards.shardOf(java.util.UUID.nameUUIDFromBytes(("c" + i).getBytes()).toString())]++;
        }
        // 39 on average: a Poisson spread stays well inside 15..70.
        assertThat(java.util.Arrays.stream(per).min().orElseThrow()).isGreaterThan(15);
        assertThat(java.util.Arrays.stream(per).max().orElseThrow()).isLessThan(70);
    }

    @Test
    void aShardCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new Shards(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
