package io.quorum.peer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.view.HierarchicalVerifier;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.sim.Ensemble;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole peers in chosen starting states: the regressions the seeded sweeps first found. */
class PeerScenarioTest {

    /**
     * The view of seed 2423: groups {1, 3, 5} and {2, 4}, where only 1 and 2 carry weight, so
     * only they may lead and both are needed for a quorum.
     */
    private static QuorumView zeroWeightMajority() {
        List<QuorumServer> servers = new ArrayList<>();
        for (long sid = 1; sid <= 5; sid++) {
            servers.add(QuorumServer.participant(sid, new PeerAddress("n" + sid, 2888), new PeerAddress("n" + sid, 3888)));
        }
        HierarchicalVerifier verifier = new HierarchicalVerifier(Map.of(0L, List.of(1L, 3L, 5L), 1L, List.of(2L, 4L)),
                Map.of(1L, 1L, 2L, 1L, 3L, 0L, 4L, 0L, 5L, 0L));
        return new QuorumView(servers, verifier);
    }

    /**
     * Regression (10,000-seed sweep: liveness failed for seeds 2423, 2707, 2876 at 5 voters and
     * 7693 at 3 + 1, each time a zero-weight voter held a longer log than every voter that may
     * lead): the leader ended its whole session whenever such a learner's ACKEPOCH arrived before
     * its epoch quorum, and since that learner can never be elected, the next leader fared no
     * better; with the sweep's link latencies it went on until the liveness bound. The zero-weight
     * voters here (3 and 5) are ahead of 1 and 2, an injected state: in a correct ensemble the
     * last epoch's leader holds the longest log, but it may be down for good. With the old leader,
     * 10 of these 20 seeds took 1 to 17 extra elections before one won the race. Now the leader
     * drops them, as ZooKeeper's LearnerHandler does, establishes epoch 2 at its first attempt
     * with voter 1, and they join late, truncated to its log.
     */
    @Test
    void zeroWeightVotersAheadOfEveryLeaderNoLongerStopEveryLeader() {
        List<History> histories = List.of(new History(1, 1, 0x100000000L), new History(1, 1, 0x100000000L),
                new History(1, 1, 0x100000002L), new History(0, 1, 0), new History(1, 1, 0x100000002L));
        PeerSimOptions aheadOfEveryLeader = PeerSimOptions.defaults().withHistories(histories);
        Ensemble ensemble = new Ensemble(zeroWeightMajority(), Histories.votes(histories));

        for (long seed = 1; seed <= 20; seed++) {
            SimulationResult run = PeerSimulation.run(PeerSims.FLE, PeerSims.template(5, 0, FaultSchedule.NONE,
                    aheadOfEveryLeader).ensemble(ensemble).fullTrace(true).build().withSeed(seed));

            assertThat(run.violations()).as("seed %d", seed).isEmpty();
            assertThat(run.traceText()).as("seed %d", seed).contains("converged leader=2 epoch=2 quorum=[1, 2")
                    .containsPattern("learner [35] syncing by TRUNC to 0x100000000");
        }
    }
}
