package io.quorum.election.fast;

import static io.quorum.election.fast.FleScript.following;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.leading;
import static io.quorum.election.fast.FleScript.looking;
import static io.quorum.election.fast.FleScript.sentTo;
import static io.quorum.election.fast.FleScript.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.transport.sim.CoreHarness;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper's FLE scenario tests with mock peers, each replayed as scripted inputs to one core:
 * FLELostMessageTest, FLEBackwardElectionRoundTest, FLETest.testJoin and FLENewEpochTest.
 */
class FleScenarioTest {

    /**
     * FLELostMessageTest (ZOOKEEPER-480): peer 1 hears mock peer 0 LOOKING, then FOLLOWING with a
     * vote for 1. Peer 1 must conclude it leads: a quorum of FOLLOWING votes for itself in its own
     * round suffices, it need not hear itself say LEADING.
     */
    @Test
    void lostMessagePeerFollowedByAQuorumLeads() {
        CoreHarness h = harness(1, voters(0, 1, 2), Vote.initial(1, 0, 0), false);
        h.start();

        h.deliverFrom(0, looking(0, 0, 1, 0));
        CoreHarness.Step step = h.deliverFrom(0, following(1, 0, 1, 0));

        assertThat(step.decision()).hasValueSatisfying(d -> {
            assertThat(d.role()).isEqualTo(ServerState.LEADING);
            assertThat(d.leader()).isEqualTo(1);
        });
    }

    /**
     * FLEBackwardElectionRoundTest (ZOOKEEPER-1514): FOLLOWING votes for peer 0 from a quorum in
     * round 1 may end round 1, but replayed into round 2 they must not make peer 0 leader.
     */
    @Test
    void backwardRoundFollowingVotesDoNotCrownMeInALaterRound() {
        CoreHarness h = harness(0, voters(0, 1, 2), Vote.initial(0, 0, 0), false);
        byte[] staleFrom1 = following(0, 0, 1, 0);
        byte[] staleFrom2 = following(0, 0, 1, 0);
        h.start();
        h.deliverFrom(1, staleFrom1);
        assertThat(h.lastDecision()).map(Decision::role).contains(ServerState.LEADING);

        h.peerState(ServerState.LOOKING, Vote.initial(0, 0, 0));
        h.start();
        assertThat(FleScript.fle(h).logicalClock()).isEqualTo(2);
        h.deliverFrom(1, staleFrom1);
        h.deliverFrom(2, staleFrom2);
        h.advance(5 * FleScript.FINALIZE_WAIT);

        assertThat(h.decisionCount()).isEqualTo(1);
        assertThat(h.roundOpen()).isTrue();
    }

    /**
     * FLETest.testJoin (ZOOKEEPER-975): peers 1 and 2 run an ensemble led by 2; peer 3 starts
     * later with the highest sid. Their FOLLOWING/LEADING replies must make it follow 2, never lead.
     */
    @Test
    void joiningPeerFollowsTheRunningLeaderInItsRound() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, 0, 0), true);
        h.start();

        assertThat(h.deliverFrom(1, following(2, 0, 1, 1)).decision()).isEmpty();
        CoreHarness.Step step = h.deliverFrom(2, leading(2, 0, 1, 1));

        assertThat(step.decision()).contains(new Decision(new Vote(2, 0, 1, 1, ServerState.FOLLOWING, 2), ServerState.FOLLOWING));
        h.advance(10 * FleScript.FINALIZE_WAIT);
        assertThat(h.decisionCount()).isEqualTo(1);
    }

    /** FLETest.testJoin with the ensemble in a later round: the newcomer joins through the out-of-election votes. */
    @Test
    void joiningPeerFollowsAnEnsembleInALaterRound() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, 0, 0), true);
        h.start();

        h.deliverFrom(2, leading(2, Zxid.of(1, 6), 4, 2));
        CoreHarness.Step step = h.deliverFrom(1, following(2, Zxid.of(1, 6), 4, 2));

        assertThat(step.decision()).hasValueSatisfying(d -> {
            assertThat(d.role()).isEqualTo(ServerState.FOLLOWING);
            assertThat(d.leader()).isEqualTo(2);
        });
        assertThat(FleScript.fle(h).logicalClock()).isEqualTo(4);
    }

    /** testJoin's safety half: FOLLOWING votes for a leader that never said LEADING are not enough. */
    @Test
    void joiningPeerWaitsForTheLeadersOwnWord() {
        CoreHarness h = harness(3, voters(1, 2, 3, 4, 5), Vote.initial(3, 0, 0), true);
        h.start();

        h.deliverFrom(1, following(2, 0, 1, 1));
        h.deliverFrom(4, following(2, 0, 1, 1));
        h.deliverFrom(5, following(2, 0, 1, 1));
        h.advance(10 * FleScript.FINALIZE_WAIT);

        assertThat(h.lastDecision()).isEmpty();
        assertThat(h.deliverFrom(2, leading(2, 0, 1, 1)).decision()).map(Decision::role).contains(ServerState.FOLLOWING);
    }

    /**
     * FLENewEpochTest (ZOOKEEPER-275/362): a higher round makes the peer adopt the better of the
     * sender's vote and its own initial vote, not its previous proposal, and re-send it in the new round.
     */
    @Test
    void higherRoundComparesAgainstMyInitialVoteNotMyProposal() {
        CoreHarness h = harness(1, voters(1, 2, 3, 4, 5), Vote.initial(1, Zxid.of(1, 5), 1), false);
        h.start();
        h.deliverFrom(3, looking(3, Zxid.of(1, 9), 1, 1));
        assertThat(h.pendingTimers()).as("no quorum yet, so no finalize wait to swallow the next vote")
                .doesNotContainKey(FastLeaderElection.FINALIZE_WAIT);

        CoreHarness.Step step = h.deliverFrom(2, looking(2, Zxid.of(1, 2), 5, 1));

        assertThat(FleScript.fle(h).logicalClock()).isEqualTo(5);
        for (long peer : new long[] {2, 3, 4, 5}) {
            assertThat(sentTo(step, peer)).singleElement().satisfies(n -> {
                assertThat(n.leader()).as("my initial vote beats 2's, and 3's old vote is forgotten").isEqualTo(1);
                assertThat(n.zxid()).isEqualTo(Zxid.of(1, 5));
                assertThat(n.electionEpoch()).isEqualTo(5);
            });
        }
    }

    /** FLENewEpochTest: when the sender's vote beats my initial vote, I adopt the sender's. */
    @Test
    void higherRoundAdoptsTheSendersBetterVote() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, Zxid.of(1, 5), 1), false);
        h.start();

        CoreHarness.Step step = h.deliverFrom(2, looking(3, Zxid.of(2, 1), 5, 2));

        assertThat(sentTo(step, 3)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(3);
            assertThat(n.electionEpoch()).isEqualTo(5);
        });
        assertThat(h.pendingTimers()).as("2 and I agree in round 5: a quorum").containsKey(FastLeaderElection.FINALIZE_WAIT);
    }

    /** FLENewEpochTest: the recvset is cleared, so votes of the old round never count in the new one. */
    @Test
    void higherRoundClearsTheVotesOfTheOldRound() {
        CoreHarness h = harness(1, voters(1, 2, 3, 4, 5), Vote.initial(1, Zxid.of(1, 5), 1), false);
        h.start();
        h.deliverFrom(4, looking(5, Zxid.of(1, 9), 1, 1));

        h.deliverFrom(2, looking(5, Zxid.of(1, 9), 2, 1));

        assertThat(h.pendingTimers()).doesNotContainKey(FastLeaderElection.FINALIZE_WAIT);
        h.deliverFrom(3, looking(5, Zxid.of(1, 9), 2, 1));
        assertThat(h.pendingTimers()).containsKey(FastLeaderElection.FINALIZE_WAIT);
    }
}
