package io.quorum.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.peer.election.ElectionRegistry;
import org.junit.jupiter.api.Test;

class SimTrialTest {
    private final ElectionRegistry registry = ElectionRegistry.fromClassLoader(getClass().getClassLoader());

    @Test
    void faultsAreMeasuredFromTheirHealing() {
        assertThat(SimTrial.healedAtNanos("0.000000000 knob startSpreadNanos=6177441 safetyPhaseNanos=3283427024\n"))
                .isEqualTo(3_283_427_024L);
        assertThatThrownBy(() -> SimTrial.healedAtNanos("no knobs")).hasMessageContaining("safetyPhaseNanos");
    }

    @Test
    void everyAlgorithmFailsOverUnderTheSimulator() {
        for (String alg : new String[] {"0", "1", "2", "3"}) {
            TrialResult result = SimTrial.run(BenchSystem.parse("quorum:" + alg, registry), Scenario.LEADER_CRASH, 3, 1, 5);

            assertThat(result.error()).as(alg).isNull();
            assertThat(result.millis()).as(alg).isPositive();
            // The crashed leader decided once; the survivors report their second round.
            assertThat(result.peers()).as(alg).hasSize(3);
        }
    }

    @Test
    void aPartitionTrialAgreesOnALeaderAfterHealing() {
        TrialResult result = SimTrial.run(BenchSystem.parse("quorum:fast", registry), Scenario.PARTITION, 5, 1, 3);

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        assertThat(result.millis()).isGreaterThanOrEqualTo(0);
        assertThat(result.leader()).isBetween(1L, 5L);
    }
}
