package io.argus.cluster.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalShardAssignmentTest {
    @Test
    void theEmbeddedNodeOwnsEveryShardUntilItCloses() {
        List<String> heard = new ArrayList<>();
        LocalShardAssignment a = new LocalShardAssignment(new Shards(8), new ShardListener() {
            @Override
            public void onShardsAssigned(Set<Integer> shards, long epoch) {
                heard.add("assigned " + shards.size() + " in " + epoch);
            }

            @Override
            public void onShardsRevoked(Set<Integer> shards, long epoch) {
                heard.add("revoked " + shards.size() + " in " + epoch);
            }
        });
        a.start();
        assertThat(a.owned()).hasSize(8).containsEntry(7, 1L);
        a.close();
        assertThat(a.owned()).isEmpty();
        assertThat(heard).containsExactly("assigned 8 in 1", "revoked 8 in 1");
    }
}
