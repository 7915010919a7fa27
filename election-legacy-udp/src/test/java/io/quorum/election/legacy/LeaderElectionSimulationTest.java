package io.quorum.election.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.sim.ExpectedLeader;
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
 * LeaderElection under every fault schedule at 3 and 5 voters plus an observer:
 * {@code -Dquorum.sim.seeds} seeds each (1,000 by default, as CI runs them, 10,000 for the full run). Every 50th
 * seed replays to check determinism.
 */
class LeaderElectionSimulationTest {
    static final int SEEDS = Integer.getInteger("quorum.sim.seeds", 1000);

    static Stream<Arguments> cases() {
        return Stream.of(3, 5).flatMap(voters -> Stream.of(FaultSchedule.values()).map(s -> Arguments.of(voters, s)));
    }

    /** The timings drawn per seed, around 3.4.14's 200 / 1000 / 100 ms and our 200 ms while votes move. */
    static KnobSpace knobs() {
        return random -> Map.of(
                LegacySettings.RECEIVE_TIMEOUT, Long.toString(random.nextLong(50, 401)),
                LegacySettings.ROUND_SLEEP, Long.toString(random.nextLong(100, 2_001)),
                LegacySettings.SETTLE_DELAY, Long.toString(random.nextLong(0, 201)),
                LegacySettings.SHORT_ROUND_SLEEP, Long.toString(random.nextLong(20, 1_001)));
    }

    /**
     * Fault-free runs use majority views. With weights, a voter that alone forms a quorum (one
     * group whose weight it mostly holds) can be elected on its own self-vote before it has looked
     * at anyone else's: safe, since every quorum contains it, but not the greatest history, so
     * the fault-free "expected leader" check cannot hold there. Runs with faults draw
     * hierarchical views as usual.
     */
    static SimulationOptions template(int voters, FaultSchedule schedule) {
        return SimulationOptions.builder(0).voters(voters).observers(1).schedule(schedule)
                .hierarchicalProbability(schedule == FaultSchedule.NONE ? 0 : 0.25)
                .knobSpace(knobs()).expectedLeader(ExpectedLeader.of(new LeaderElectionProvider())).traceTailLines(80).build();
    }

    @ParameterizedTest(name = "{0} voters, {1}")
    @MethodSource("cases")
    void everySeedKeepsEveryInvariant(int voters, FaultSchedule schedule) {
        SweepSummary summary = new SeedSweep(new LeaderElectionProvider(), template(voters, schedule), 50, () -> 0L)
                .run(1, SEEDS);

        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(v -> v.toString()).orElse("")).isEmpty();
    }
}
