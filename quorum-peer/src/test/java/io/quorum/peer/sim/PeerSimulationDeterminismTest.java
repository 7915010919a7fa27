package io.quorum.peer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A seed is the whole run: the same seed gives the same trace, whole peers and crashes included. */
class PeerSimulationDeterminismTest {

    private static SimulationResult run(long seed, FaultSchedule schedule, boolean fullTrace) {
        return PeerSimulation.run(PeerSims.FLE, PeerSims.template(3, 1, schedule, PeerSimOptions.defaults())
                .fullTrace(fullTrace).build().withSeed(seed));
    }

    @ParameterizedTest
    @EnumSource(FaultSchedule.class)
    void theSameSeedReplaysTheSameTrace(FaultSchedule schedule) {
        SimulationResult first = run(42, schedule, true);
        SimulationResult second = run(42, schedule, true);

        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(second.traceText()).isEqualTo(first.traceText());
        assertThat(first.traceText()).startsWith("0.000000000 SEED=42 schedule=" + schedule)
                .contains(" knob session tickNanos=", " history n4 ", " session: ", " established epoch ");
    }

    @ParameterizedTest
    @EnumSource(FaultSchedule.class)
    void theHashDoesNotDependOnKeepingText(FaultSchedule schedule) {
        assertThat(run(7, schedule, false).traceHash()).isEqualTo(run(7, schedule, true).traceHash());
    }

    @ParameterizedTest
    @EnumSource(FaultSchedule.class)
    void differentSeedsGiveDifferentTraces(FaultSchedule schedule) {
        assertThat(run(1, schedule, false).traceHash()).isNotEqualTo(run(2, schedule, false).traceHash());
    }
}
