package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulator catches deliberately broken variants of the reference core, reproducibly. */
class BrokenCoreTest {

    @ParameterizedTest
    @EnumSource(value = BullyElection.Flaw.class, names = {"SMALLEST_ID", "NO_QUORUM"})
    void aSweepFindsTheBugAndItsSeedReplays(BullyElection.Flaw flaw) {
        BullyElection broken = new BullyElection(flaw);
        SimulationOptions template = BullySweepTest.template(FaultSchedule.NONE);

        SweepSummary summary = new SeedSweep(broken, template).run(1, 200);

        assertThat(summary.violations()).isNotEmpty();
        Violation found = summary.violations().get(0);
        assertThat(found.invariant()).isEqualTo("expected-leader-without-faults");

        SimulationResult first = Simulation.run(broken, template.withSeed(found.seed()));
        SimulationResult again = Simulation.run(broken, template.withSeed(found.seed()));
        assertThat(first.violations()).extracting(Violation::summary).containsExactly(found.summary());
        assertThat(again.traceHash()).isEqualTo(first.traceHash());
        assertThat(first.report()).startsWith("SEED=" + found.seed());
    }
}
