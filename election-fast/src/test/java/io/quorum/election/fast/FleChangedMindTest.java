package io.quorum.election.fast;

import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.looking;
import static io.quorum.election.fast.FleScript.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.sim.CoreHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ZOOKEEPER-3109: a leader hears that a voter went back to LOOKING in a newer round. */
class FleChangedMindTest {

    /** Peer 3 wins round 1 with peer 2's vote and leads. */
    private static CoreHarness leaderOfRoundOne() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, Zxid.of(1, 6), 1), true);
        h.start();
        h.deliverFrom(2, looking(3, Zxid.of(1, 6), 1, 1));
        h.deliverFrom(1, looking(3, Zxid.of(1, 6), 1, 1));
        Decision decision = h.lastDecision().orElseThrow();
        assertThat(decision.role()).isEqualTo(ServerState.LEADING);
        h.peerState(ServerState.LEADING, decision.vote());
        return h;
    }

    @Test
    void aVoterLookingInANewerRoundIsReportedToTheSession() {
        CoreHarness h = leaderOfRoundOne();

        CoreHarness.Step step = h.deliverFrom(1, looking(1, Zxid.of(1, 6), 2, 1));

        assertThat(reported(step)).containsExactly(1L);
    }

    @Test
    void aLookingVoteFromTheElectingRoundIsOnlyLate() {
        CoreHarness h = leaderOfRoundOne();

        CoreHarness.Step step = h.deliverFrom(1, looking(3, Zxid.of(1, 6), 1, 1));

        assertThat(reported(step)).isEmpty();
    }

    @Test
    void aFollowerReportsNothing() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, Zxid.of(1, 6), 1), true);
        h.start();
        h.deliverFrom(3, looking(3, Zxid.of(1, 6), 1, 1));
        h.deliverFrom(2, looking(3, Zxid.of(1, 6), 1, 1));
        h.deliverFrom(3, looking(3, Zxid.of(1, 6), 1, 1));
        Decision decision = h.lastDecision().orElseThrow();
        h.peerState(ServerState.FOLLOWING, decision.vote());

        assertThat(reported(h.deliverFrom(2, looking(2, Zxid.of(1, 6), 5, 1)))).isEmpty();
    }

    private static List<Long> reported(CoreHarness.Step step) {
        return step.effects().stream().filter(EffectBuffer.VoterLooking.class::isInstance)
                .map(e -> ((EffectBuffer.VoterLooking) e).sid()).toList();
    }
}
