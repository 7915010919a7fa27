package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReplayTest {

    private static SimulationResult run(long seed, FaultSchedule schedule, boolean fullTrace) {
        return Simulation.run(new BullyElection(), SimulationOptions.builder(seed).observers(1).schedule(schedule)
                .knobSpace(BullyElection.knobs()).fullTrace(fullTrace).build());
    }

    @ParameterizedTest
    @EnumSource(FaultSchedule.class)
    void theSameSeedReplaysTheSameTrace(FaultSchedule schedule) {
        SimulationResult first = run(42, schedule, true);
        SimulationResult second = run(42, schedule, true);

        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(second.traceText()).isEqualTo(first.traceText());
        assertThat(first.traceText()).startsWith("0.000000000 SEED=42 schedule=" + schedule);
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
