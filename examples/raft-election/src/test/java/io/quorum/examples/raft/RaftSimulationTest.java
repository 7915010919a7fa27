package io.quorum.examples.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.sim.ExpectedLeader;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SweepSummary;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The raft plugin under quorum's simulator, the way any plugin author tests a core: every fault
 * schedule at 3 and 5 voters with an observer, {@code -Dquorum.sim.seeds} seeds each (1,000 by
 * default; 10,000 for the full run), zero violations of the election invariants (leaders are
 * weighted voters, roles match learner types, the connected voters agree on one leader after the
 * network heals). Every 100th seed runs twice and must replay the same trace.
 */
class RaftSimulationTest {
    static final int SEEDS = Integer.getInteger("quorum.sim.seeds", 1000);

    static Stream<Arguments> cases() {
        return Stream.of(3, 5).flatMap(voters -> Stream.of(FaultSchedule.values()).map(s -> Arguments.of(voters, s)));
    }

    @ParameterizedTest(name = "{0} voters and an observer, {1}")
    @MethodSource("cases")
    void everySeedKeepsEveryInvariant(int voters, FaultSchedule schedule) {
        SimulationOptions template = SimulationOptions.builder(0).voters(voters).observers(1)
                .expectedLeader(ExpectedLeader.of(new RaftElectionProvider()))
                .schedule(schedule).knobSpace(RaftKnobs.drawn()).traceTailLines(60).build();

        SweepSummary summary = new SeedSweep(new RaftElectionProvider(), template, 100, () -> 0L)
                .run(1, SEEDS); // -Dquorum.sim.seeds, 1,000 by default

        assertClean(summary);
    }

    /** The first leader crashes after the first election; the survivors elect one of themselves. */
    @ParameterizedTest(name = "{0} voters, leader crash after the first election")
    @MethodSource("sizes")
    void survivorsOfACrashedLeaderElectOneOfThem(int voters) {
        SimulationOptions template = options(voters).schedule(FaultSchedule.NONE).failover(true).knobSpace(RaftKnobs.drawn()).traceTailLines(60).build();

        assertClean(new SeedSweep(new RaftElectionProvider(), template, 100, () -> 0L).run(1, SEEDS));
    }

    /**
     * {@code voters} voters and an observer, checked against no particular leader on fault-free
     * runs: the provider promises none ({@code faultFreeLeaderOrder} is empty), as randomised
     * timeouts decide who campaigns first.
     */
    static SimulationOptions.Builder options(int voters) {
        RaftElectionProvider provider = new RaftElectionProvider();
        return SimulationOptions.builder(0).voters(voters).observers(1).expectedLeader(ExpectedLeader.of(provider));
    }

    static Stream<Integer> sizes() {
        return Stream.of(3, 5);
    }

    static void assertClean(SweepSummary summary) {
        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(Object::toString).orElse("")).isEmpty();
    }
}
