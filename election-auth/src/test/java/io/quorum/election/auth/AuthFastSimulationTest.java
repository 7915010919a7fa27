package io.quorum.election.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.election.ElectionProvider;
import io.quorum.transport.runtime.SystemTicker;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthFastLeaderElection, alg 1 and alg 2, under every fault schedule at 3 and 5 voters plus an
 * observer: {@code -Dquorum.sim.seeds} seeds each (1,000 by default, as CI runs them, 10,000 for the full run).
 * Every 50th seed replays to check determinism. Each case logs its summary (runs, violations,
 * wall time); the wall clock only measures, the runs stay deterministic.
 */
class AuthFastSimulationTest {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFastSimulationTest.class);
    static final int SEEDS = Integer.getInteger("quorum.sim.seeds", 1000);

    static Stream<Arguments> cases() {
        return Stream.of(1, 2).flatMap(alg -> Stream.of(3, 5).flatMap(voters ->
                Stream.of(FaultSchedule.values()).map(s -> Arguments.of(alg, voters, s))));
    }

    static ElectionProvider provider(int alg) {
        return alg == 1 ? new AuthFastLeaderElectionProvider() : new AuthFastChallengeProvider();
    }

    /**
     * The timings drawn per seed, around 3.4.14's 100 ms. The finalize wait stays above the
     * simulator's start spread (up to 50 ms) plus a challenge round trip: a peer that waits less
     * than the last peer takes to start and be heard cannot know its vote, so the fault-free
     * "expected leader" check could not hold.
     */
    static KnobSpace knobs() {
        return random -> Map.of(
                AuthSettings.FINALIZE_WAIT, Long.toString(random.nextLong(80, 301)),
                AuthSettings.ACK_WAIT, Long.toString(random.nextLong(20, 301)),
                AuthSettings.SEND_ATTEMPTS, Long.toString(random.nextLong(1, 5)));
    }

    static SimulationOptions template(int voters, FaultSchedule schedule) {
        return SimulationOptions.builder(0).voters(voters).observers(1).schedule(schedule)
                .knobSpace(knobs()).expectedLeader(ExpectedLeader.of(new AuthFastLeaderElectionProvider())).traceTailLines(120).build();
    }

    @ParameterizedTest(name = "alg {0}, {1} voters, {2}")
    @MethodSource("cases")
    void everySeedKeepsEveryInvariant(int alg, int voters, FaultSchedule schedule) {
        SweepSummary summary = new SeedSweep(provider(alg), template(voters, schedule), 50,
                SystemTicker.INSTANCE::nanoTime).run(1, SEEDS);
        LOG.info("alg {}, {} voters + 1 observer: {}", alg, voters, summary.summary());

        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(v -> v.toString()).orElse("")).isEmpty();
    }
}
