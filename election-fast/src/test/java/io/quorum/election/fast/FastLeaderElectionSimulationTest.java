package io.quorum.election.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.KnobSpace;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SweepSummary;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FastLeaderElection under every fault schedule at 3, 5 and 7 voters (plus an observer), with the
 * fast termination rule on and off: {@code -Dquorum.sim.seeds} seeds each (1,000 by default, as CI
 * runs them; 10,000 for the full run, or through {@code quorum sim}). Every 50th seed replays to
 * check determinism.
 */
class FastLeaderElectionSimulationTest {
    static final int SEEDS = Integer.getInteger("quorum.sim.seeds", 1000);

    static Stream<Arguments> cases() {
        return Stream.of(3, 5, 7).flatMap(voters -> Stream.of(true, false).flatMap(fast ->
                Stream.of(FaultSchedule.values()).map(schedule -> Arguments.of(voters, fast, schedule))));
    }

    /**
     * Timing knobs drawn per seed within ZooKeeper's legal ranges. finalizeWait stays above the
     * simulator's start spread (up to 50 ms): a peer that waits less than the last peer takes to
     * start cannot hear that peer's vote, so "all peers up" would not hold for the fault-free check.
     */
    static KnobSpace knobs(boolean fastTermination) {
        return random -> Map.of(
                FastElectionSettings.FINALIZE_WAIT, Long.toString(random.nextLong(60, 401)),
                FastElectionSettings.MIN_INTERVAL, Long.toString(random.nextLong(50, 401)),
                FastElectionSettings.MAX_INTERVAL, Long.toString(random.nextLong(1_000, 60_001)),
                FastElectionSettings.FAST_TERMINATION, Boolean.toString(fastTermination));
    }

    @ParameterizedTest(name = "{0} voters, fast termination {1}, {2}")
    @MethodSource("cases")
    void everySeedKeepsEveryInvariant(int voters, boolean fastTermination, FaultSchedule schedule) {
        SimulationOptions template = SimulationOptions.builder(0).voters(voters).observers(1).schedule(schedule)
                .knobSpace(knobs(fastTermination)).traceTailLines(60).build();

        SweepSummary summary = new SeedSweep(new FastLeaderElectionProvider(), template, 50, () -> 0L).run(1, SEEDS);

        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(v -> v.toString()).orElse("")).isEmpty();
    }

    static Stream<Arguments> failoverCases() {
        return Stream.of(3, 5, 7).flatMap(voters -> Stream.of(true, false).map(fast -> Arguments.of(voters, fast)));
    }

    /**
     * Fault-free but for a scripted failover: the first election's leader crashes and the
     * survivors lose it one by one; they must elect the best of themselves (the expected leader
     * becomes the best survivor), with hierarchical views and drawn timing knobs.
     *
     * <p>Without observers: an observer hears the voters only in answers to its own notifications,
     * so when it looks while the survivors are still changing their votes it can decide on a
     * proposal they have since left (10 to 20 seeds in 1,000 at 5 and 7 voters, never a voter).
     * ZooKeeper's observers learn votes the same way; a session layer sends such an observer back
     * to LOOKING when the leader it picked does not lead. Not fixed here.
     */
    @ParameterizedTest(name = "{0} voters, fast termination {1}, leader crash after the first election")
    @MethodSource("failoverCases")
    void survivorsOfACrashedLeaderElectTheBestOfThem(int voters, boolean fastTermination) {
        SimulationOptions template = SimulationOptions.builder(0).voters(voters).observers(0)
                .schedule(FaultSchedule.NONE).failover(true).knobSpace(knobs(fastTermination)).traceTailLines(60).build();

        SweepSummary summary = new SeedSweep(new FastLeaderElectionProvider(), template, 50, () -> 0L).run(1, SEEDS);

        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(v -> v.toString()).orElse("")).isEmpty();
    }
}
