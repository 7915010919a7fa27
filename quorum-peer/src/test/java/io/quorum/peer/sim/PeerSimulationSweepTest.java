package io.quorum.peer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.runtime.SystemTicker;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.SweepSummary;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole peers (FastLeaderElection, ZooKeeper's session cores, crashable epoch stores) under every
 * fault schedule, at 3 and 5 voters and at 3 voters with an observer: {@code
 * -Dquorum.peersim.seeds} seeds per schedule and configuration (1,000 by default; raise it for a
 * long run, e.g. 10,000), and zero violations of the election invariants, the peer invariants
 * ({@link PeerInvariants}) and liveness after healing. Every 100th seed runs twice and must
 * replay the same trace. Each case logs its summary line. A failing seed S replays alone with
 * {@code -Dquorum.peersim.firstSeed=S -Dquorum.peersim.seeds=1}.
 */
class PeerSimulationSweepTest {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSimulationSweepTest.class);
    static final int SEEDS = Integer.getInteger("quorum.peersim.seeds", 1000);
    static final long FIRST_SEED = Long.getLong("quorum.peersim.firstSeed", 1);

    static Stream<Arguments> cases() {
        return Stream.of(new int[] {3, 0}, new int[] {5, 0}, new int[] {3, 1}).flatMap(config ->
                Stream.of(FaultSchedule.values()).map(schedule -> Arguments.of(config[0], config[1], schedule)));
    }

    @ParameterizedTest(name = "{0} voters, {1} observers, {2}")
    @MethodSource("cases")
    void everySeedKeepsEveryInvariant(int voters, int observers, FaultSchedule schedule) {
        SweepSummary summary = new SeedSweep(PeerSims.FLE,
                PeerSims.template(voters, observers, schedule, PeerSimOptions.defaults()).traceTailLines(80).build(), 100,
                SystemTicker.INSTANCE::nanoTime).run(FIRST_SEED, SEEDS);

        LOG.info("peer-level sweep, {} voters, {} observers: {}", voters, observers, summary.summary());
        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(v -> v + "\nreplay: -Dtest=PeerSimulationSweepTest -Dquorum.peersim.firstSeed=" + v.seed()
                        + " -Dquorum.peersim.seeds=1").orElse("")).isEmpty();
    }
}
