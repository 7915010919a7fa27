package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.election.ElectionProvider;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.peer.sim.PeerSimOptions;
import io.quorum.peer.sim.PeerSimulation;
import io.quorum.transport.sim.ExpectedLeader;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SweepSummary;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped raft plugin, loaded from the plugin directory as a peer loads it, under the
 * peer-level simulation: its decisions drive ZooKeeper's real session cores (discovery, epoch
 * agreement, sync) over simulated quorum-port connections, with crashable epoch stores. Every
 * schedule, {@code -Dquorum.peersim.seeds} seeds each (200 by default here), with zero violations
 * of the peer invariants (one leader per epoch, a leader at least as recent as the quorum that
 * acknowledged it, ...) and a leader established with a quorum after healing: Raft's up-to-date
 * check gives Zab the leader it needs.
 */
class PluginPeerSimulationTest {
    static final int SEEDS = Integer.getInteger("quorum.peersim.seeds", 200);

    static Stream<Arguments> cases() {
        return Stream.of(new int[] {3, 1}, new int[] {5, 0}).flatMap(config ->
                Stream.of(FaultSchedule.values()).map(schedule -> Arguments.of(config[0], config[1], schedule)));
    }

    @ParameterizedTest(name = "raft, {0} voters, {1} observers, {2}")
    @MethodSource("cases")
    void wholePeersElectingWithThePluginKeepEveryInvariant(int voters, int observers, FaultSchedule schedule) {
        ElectionProvider raft = ElectionRegistry.load(getClass().getClassLoader(),
                Optional.of(Path.of(System.getProperty("quorum.plugins")))).select("raft");
        SimulationOptions template = PeerSimulation.options(0, PeerSimOptions.defaults()).voters(voters)
                .observers(observers).schedule(schedule).expectedLeader(ExpectedLeader.of(raft)).traceTailLines(80)
                .build();

        SweepSummary summary = new SeedSweep(raft, template, 50, () -> 0L).run(1, SEEDS);

        assertThat(summary.runs()).isEqualTo(SEEDS);
        assertThat(summary.violations()).as(summary.summary() + "\n" + summary.violations().stream().findFirst()
                .map(Object::toString).orElse("")).isEmpty();
    }
}
