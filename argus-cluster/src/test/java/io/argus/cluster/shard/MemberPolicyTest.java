package io.argus.cluster.shard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberPolicyTest {
    final MemberPolicy policy = new MemberPolicy(25, 0.8);

    @Test
    void capacityBuysMembersRoundedUpAndAtLeastOne() {
        assertThat(policy.targetMembers(1)).isEqualTo(1);
        assertThat(policy.targetMembers(25)).isEqualTo(1);
        assertThat(policy.targetMembers(26)).isEqualTo(2);
        assertThat(policy.targetMembers(500)).isEqualTo(20);
    }

    @Test
    void aNodeAddsMembersOneAtATimeWhileUnderItsHeadroom() {
        assertThat(policy.next(0, 4, 0.0)).isEqualTo(1);
        assertThat(policy.next(1, 4, 0.3)).isEqualTo(2);
        assertThat(policy.next(3, 4, 0.79)).isEqualTo(4);
        assertThat(policy.next(4, 4, 0.1)).isEqualTo(4);
    }

    @Test
    void aNodeAt80PercentAddsNoMemberSoTakesNoNewShards() {
        assertThat(policy.next(2, 4, 0.8)).isEqualTo(2);
        assertThat(policy.next(2, 4, 1.5)).isEqualTo(2);
    }

    @Test
    void aNodeAlwaysRunsOneMemberEvenWhenFull() {
        assertThat(policy.next(0, 4, 2.0)).isEqualTo(1);
    }

    @Test
    void aLoweredCapacityShedsMembersOneAtATime() {
        assertThat(policy.next(4, 2, 0.5)).isEqualTo(3);
    }
}
