package io.quorum.election.fast;

import static io.quorum.election.fast.FleScript.following;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.leading;
import static io.quorum.election.fast.FleScript.looking;
import static io.quorum.election.fast.FleScript.note;
import static io.quorum.election.fast.FleScript.repliesTo;
import static io.quorum.election.fast.FleScript.sentTo;
import static io.quorum.election.fast.FleScript.votersAndObservers;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.sim.CoreHarness;
import org.junit.jupiter.api.Test;

/** ZooKeeper's FLEZeroWeightTest (ZOOKEEPER-491/498) and ObserverLETest (PROTOCOL.md 3.9). */
class FleObserverAndWeightTest {
    private static final QuorumView WITH_OBSERVER = votersAndObservers(new long[] {1, 2}, 3);

    /**
     * FLEZeroWeightTest: zero-weight peer 9 has the best history and its zero-weight peers vote
     * for it, yet it never decides LEADING; it follows the leader the weighted group elects.
     */
    @Test
    void zeroWeightPeerNeverLeadsAndFollowsTheWeightedLeader() {
        CoreHarness h = harness(9, FleScript.zeroWeightView(), Vote.initial(9, Zxid.of(3, 9), 3), true);
        h.start();
        for (long peer = 4; peer <= 8; peer++) {
            h.deliverFrom(peer, looking(9, Zxid.of(3, 9), 1, 3));
        }
        h.advance(10 * FleScript.FINALIZE_WAIT);
        assertThat(h.lastDecision()).as("zero-weight votes make no quorum").isEmpty();

        h.deliverFrom(1, following(3, Zxid.of(3, 1), 1, 3));
        CoreHarness.Step step = h.deliverFrom(3, leading(3, Zxid.of(3, 1), 1, 3));

        assertThat(step.decision()).map(Decision::role).contains(ServerState.FOLLOWING);
        assertThat(h.lastDecision()).map(Decision::leader).contains(3L);
    }

    /**
     * FLEZeroWeightTest, defence in depth: even a weighted quorum voting for a zero-weight id (a
     * peer with another config) does not make it lead, and the peer still joins the real leader.
     */
    @Test
    void zeroWeightPeerRefusesAQuorumForItselfAndStillJoinsTheLeader() {
        CoreHarness h = harness(9, FleScript.zeroWeightView(), Vote.initial(9, Zxid.of(3, 9), 3), false);
        h.start();
        h.deliverFrom(1, looking(9, Zxid.of(3, 9), 1, 3));
        h.deliverFrom(2, looking(9, Zxid.of(3, 9), 1, 3));
        h.advance(FleScript.FINALIZE_WAIT);
        assertThat(h.lastDecision()).isEmpty();

        h.deliverFrom(1, following(3, Zxid.of(3, 1), 1, 3));
        h.deliverFrom(3, leading(3, Zxid.of(3, 1), 1, 3));

        assertThat(h.lastDecision()).map(Decision::role).contains(ServerState.FOLLOWING);
        assertThat(h.lastDecision()).map(Decision::leader).contains(3L);
    }

    /** FLEZeroWeightTest: a weighted peer never adopts a zero-weight peer's better vote. */
    @Test
    void weightedPeerNeverAdoptsAZeroWeightVote() {
        CoreHarness h = harness(1, FleScript.zeroWeightView(), Vote.initial(1, 0, 0), true);
        h.start();

        h.deliverFrom(9, looking(9, Zxid.of(5, 5), 1, 5));
        CoreHarness.Step step = h.deliverFrom(2, looking(2, 0, 1, 0));

        assertThat(sentTo(step, 9)).allSatisfy(n -> assertThat(n.leader()).isEqualTo(2));
        assertThat(h.trace()).noneMatch(line -> line.contains("adopt 9"));
    }

    /**
     * ObserverLETest: an observer proposes Long.MIN_VALUE three times over to the voters only,
     * takes their answers and decides OBSERVING, never LEADING or FOLLOWING.
     */
    @Test
    void observerProposesTheNonVoterVoteAndDecidesObserving() {
        CoreHarness h = harness(3, WITH_OBSERVER, Vote.initial(3, Zxid.of(1, 4), 1), true);

        CoreHarness.Step start = h.start();

        assertThat(start.sends()).hasSize(2);
        for (long voter : new long[] {1, 2}) {
            assertThat(sentTo(start, voter)).singleElement().satisfies(n -> {
                assertThat(n.leader()).isEqualTo(Long.MIN_VALUE);
                assertThat(n.zxid()).isEqualTo(Long.MIN_VALUE);
                assertThat(n.peerEpoch()).isEqualTo(Long.MIN_VALUE);
                assertThat(n.state()).isEqualTo(ServerState.LOOKING);
            });
        }
        h.deliverFrom(1, following(2, Zxid.of(1, 0), 1, 2));
        CoreHarness.Step step = h.deliverFrom(2, leading(2, Zxid.of(1, 0), 1, 2));

        assertThat(step.decision()).map(Decision::role).contains(ServerState.OBSERVING);
        assertThat(h.lastDecision()).map(Decision::leader).contains(2L);
    }

    /** ObserverLETest: voters answer an observer's notification with their own vote. */
    @Test
    void voterAnswersTheObserverWithItsVote() {
        CoreHarness h = harness(1, WITH_OBSERVER, Vote.initial(1, Zxid.of(1, 4), 1), true);
        h.start();

        CoreHarness.Step step = h.deliverFrom(3, looking(Long.MIN_VALUE, Long.MIN_VALUE, 1, Long.MIN_VALUE));

        assertThat(repliesTo(step, 3)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(1);
            assertThat(n.zxid()).isEqualTo(Zxid.of(1, 4));
            assertThat(n.electionEpoch()).isEqualTo(1);
        });
        assertThat(sentTo(step, 2)).as("an observer's vote changes nothing").isEmpty();
    }

    /** ObserverLETest: OBSERVING notifications never count, not even from a sid this view calls a voter. */
    @Test
    void observingNotificationsAreIgnoredByVoters() {
        CoreHarness h = harness(1, FleScript.voters(1, 2, 3), Vote.initial(1, 0, 0), true);
        h.start();

        CoreHarness.Step step = h.deliverFrom(2, note(ServerState.OBSERVING, 1, 0, 1, 0));

        assertThat(step.sends()).isEmpty();
        assertThat(step.decision()).isEmpty();
        assertThat(h.pendingTimers()).doesNotContainKey(FastLeaderElection.FINALIZE_WAIT);
    }
}
