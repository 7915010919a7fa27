package io.quorum.api.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MajorityVerifierTest {

    @Test
    void moreThanHalfOfAnOddEnsembleIsAQuorum() {
        MajorityVerifier verifier = new MajorityVerifier(List.of(1L, 2L, 3L, 4L, 5L));

        assertThat(verifier.containsQuorum(List.of(1L, 2L))).isFalse();
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 3L))).isTrue();
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 3L, 4L, 5L))).isTrue();
    }

    @Test
    void halfOfAnEvenEnsembleIsNotAQuorum() {
        MajorityVerifier verifier = new MajorityVerifier(List.of(1L, 2L, 3L, 4L));

        assertThat(verifier.containsQuorum(List.of(1L, 2L))).isFalse();
        assertThat(verifier.containsQuorum(List.of(1L, 2L, 3L))).isTrue();
    }

    @Test
    void duplicatesAndOutsidersNeverCount() {
        MajorityVerifier verifier = new MajorityVerifier(List.of(1L, 2L, 3L));

        assertThat(verifier.containsQuorum(List.of(1L, 1L, 1L))).isFalse();
        assertThat(verifier.containsQuorum(List.of(1L, 7L, 8L, 9L))).isFalse();
        assertThat(verifier.weight(7)).isZero();
        assertThat(verifier.mayLead(7)).isFalse();
        assertThat(verifier.mayLead(2)).isTrue();
    }

    @Test
    void aSingleVoterIsItsOwnQuorum() {
        assertThat(new MajorityVerifier(List.of(9L)).containsQuorum(List.of(9L))).isTrue();
        assertThat(new MajorityVerifier(List.of(9L)).containsQuorum(List.of())).isFalse();
    }

    @Test
    void anEmptyEnsembleIsRefused() {
        assertThatThrownBy(() -> new MajorityVerifier(List.of())).hasMessageContaining("at least one voter");
    }
}
