package io.quorum.api.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchicalVerifierTest {

    // Three groups of three, the layout of ZooKeeper's hierarchical quorum examples.
    private static final Map<Long, List<Long>> NINE_IN_THREE = Map.of(
            1L, List.of(1L, 2L, 3L),
            2L, List.of(4L, 5L, 6L),
            3L, List.of(7L, 8L, 9L));

    @Test
    void needsAMajorityOfGroupsEachByAMajorityOfItsWeight() {
        HierarchicalVerifier verifier = new HierarchicalVerifier(NINE_IN_THREE, Map.of());

        assertThat(verifier.containsQuorum(List.of(1L, 2L, 4L, 5L))).isTrue();
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 3L, 4L, 7L))).isFalse();
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 3L, 4L, 5L, 6L))).isTrue();
        assertThat(verifier.containsQuorum(List.of(1L, 4L, 7L, 2L))).isFalse();
    }

    @Test
    void weightsDecideWithinAGroup() {
        HierarchicalVerifier verifier = new HierarchicalVerifier(NINE_IN_THREE, Map.of(1L, 5L));

        // Server 1 alone outweighs 2 and 3 together (5 > 7/2).
        assertThat(verifier.containsQuorum(List.of(1L, 4L, 5L))).isTrue();
        assertThat(verifier.containsQuorum(List.of(2L, 3L, 4L, 5L))).isFalse();
    }

    @Test
    void zeroWeightServersNeverCountAndNeverLead() {
        HierarchicalVerifier verifier = new HierarchicalVerifier(NINE_IN_THREE, Map.of(3L, 0L, 6L, 0L));

        assertThat(verifier.weight(3)).isZero();
        assertThat(verifier.mayLead(3)).isFalse();
        assertThat(verifier.mayLead(1)).isTrue();
        // 2 of group 1's weight of 2 and 2 of group 2's weight of 2.
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 4L, 5L))).isTrue();
        // Adding only zero-weight servers to a minority changes nothing.
        assertThat(verifier.containsQuorum(List.of(1L, 3L, 4L, 6L))).isFalse();
    }

    @Test
    void groupsOfZeroWeightAreLeftOutOfTheGroupCount() {
        HierarchicalVerifier verifier = new HierarchicalVerifier(NINE_IN_THREE, Map.of(7L, 0L, 8L, 0L, 9L, 0L));

        // Two weighted groups remain, so a majority of groups is both of them.
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 4L, 5L))).isTrue();
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 3L, 7L, 8L, 9L))).isFalse();
    }

    @Test
    void outsidersNeverCount() {
        HierarchicalVerifier verifier = new HierarchicalVerifier(NINE_IN_THREE, Map.of());

        assertThat(verifier.containsQuorum(List.of(1L, 2L, 10L, 11L, 12L))).isFalse();
        assertThat(verifier.votingMembers()).hasSize(9);
        assertThat(verifier.groupOf(5)).isEqualTo(2L);
        assertThat(verifier.groupOf(10)).isNull();
    }

    @Test
    void refusesAServerInTwoGroups() {
        assertThatThrownBy(() -> new HierarchicalVerifier(Map.of(1L, List.of(1L, 2L), 2L, List.of(2L, 3L)), Map.of()))
                .hasMessageContaining("Server 2 is in multiple groups");
    }

    @Test
    void refusesWeightsOfServersInNoGroupAndNegativeWeights() {
        assertThatThrownBy(() -> new HierarchicalVerifier(NINE_IN_THREE, Map.of(10L, 1L)))
                .hasMessageContaining("weight.10");
        assertThatThrownBy(() -> new HierarchicalVerifier(NINE_IN_THREE, Map.of(1L, -1L)))
                .hasMessageContaining("negative");
    }
}
