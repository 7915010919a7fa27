package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference algorithm under every fault schedule: {@code -Dquorum.sim.seeds} seeds each
 * (1,000 by default, 10,000 for the full run), with zero violations allowed. Every 100th seed is
 * run twice to check determinism.
 */
class BullySweepTest {
    static final int SEEDS = Integer.getInteger("quorum.sim.seeds", 1000);

    static SimulationOptions template(FaultSchedule schedule) {
        return SimulationOptions.builder(0).voters(5).observers(1).schedule(schedule)
                .knobSpace(BullyElection.knobs()).traceTailLines(40).build();
    }

    @ParameterizedTest
    @EnumSource(FaultSchedule.class)
    void everySeedKeepsEveryInvariant(FaultSchedule schedule) {
        SweepSummary summary = new SeedSweep(new BullyElection(), template(schedule), 100, () -> 0L).run(1, SEEDS);

        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary()).isEmpty();
    }
}
