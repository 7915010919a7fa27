package io.quorum.election.fast;

import static io.quorum.election.fast.FleScript.following;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.looking;
import static io.quorum.election.fast.FleScript.repliesTo;
import static io.quorum.election.fast.FleScript.votersAndObservers;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.sim.CoreHarness;
import org.junit.jupiter.api.Test;

/** The receiver's direct replies (PROTOCOL.md 3.7, 3.8) and our "answer worse votes in our round" rule. */
class FleReplyTest {
    private static final QuorumView VIEW = votersAndObservers(new long[] {1, 2, 3}, 4);

    /** Decides LEADING at once (every voter agrees) for peer 3 in round 1. */
    private static CoreHarness leaderOfRoundOne() {
        CoreHarness h = harness(3, VIEW, Vote.initial(3, Zxid.of(1, 6), 1), true);
        h.start();
        h.deliverFrom(1, looking(3, Zxid.of(1, 6), 1, 1));
        h.deliverFrom(2, looking(3, Zxid.of(1, 6), 1, 1));
        assertThat(h.lastDecision()).isPresent();
        return h;
    }

    /** 3.7 row 1: an observer or unknown sid gets our vote, stamped with our round and state. */
    @Test
    void nonVoterSenderGetsOurVoteWhileLooking() {
        CoreHarness h = harness(1, VIEW, Vote.initial(1, Zxid.of(1, 2), 1), true);
        h.start();
        Source unknown = new Source(Source.UNKNOWN_SID, Endpoint.ELECTION_TCP, "somewhere");

        CoreHarness.Step fromObserver = h.deliverFrom(4, looking(Long.MIN_VALUE, Long.MIN_VALUE, 9, Long.MIN_VALUE));
        CoreHarness.Step fromUnknown = h.deliver(unknown, looking(7, Zxid.of(5, 5), 9, 5));

        assertThat(repliesTo(fromObserver, 4)).extracting(Notification::toVote)
                .containsExactly(new Vote(1, Zxid.of(1, 2), 1, 1, ServerState.LOOKING, 2));
        assertThat(fromUnknown.sends()).singleElement().satisfies(send ->
                assertThat(send.to()).isEqualTo(Destination.replyTo(unknown)));
        assertThat(FleScript.fle(h).logicalClock()).as("a non-voter's round is ignored").isEqualTo(1);
    }

    /** 3.7 row 1 after the election: the non-voter learns the leader and our state. */
    @Test
    void nonVoterSenderGetsOurDecidedVoteAndState() {
        CoreHarness h = leaderOfRoundOne();

        CoreHarness.Step step = h.deliverFrom(4, looking(Long.MIN_VALUE, Long.MIN_VALUE, 1, Long.MIN_VALUE));

        assertThat(repliesTo(step, 4)).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(ServerState.LEADING);
            assertThat(n.leader()).isEqualTo(3);
            assertThat(n.electionEpoch()).isEqualTo(1);
        });
    }

    /** 3.7 row 2: a LOOKING sender in an older round gets our proposal with our round. */
    @Test
    void olderRoundSenderGetsOurProposalInOurRound() {
        CoreHarness h = harness(1, VIEW, Vote.initial(1, Zxid.of(1, 2), 1), false);
        h.start();
        h.deliverFrom(2, looking(3, Zxid.of(1, 9), 4, 1));

        CoreHarness.Step step = h.deliverFrom(3, looking(3, Zxid.of(1, 9), 2, 1));

        assertThat(repliesTo(step, 3)).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(ServerState.LOOKING);
            assertThat(n.leader()).isEqualTo(3);
            assertThat(n.electionEpoch()).isEqualTo(4);
        });
    }

    /** 3.7 rows 3 and 4: when settled, a LOOKING sender gets our vote with our state; a settled sender nothing. */
    @Test
    void settledPeerAnswersLookingSendersOnly() {
        CoreHarness h = leaderOfRoundOne();

        CoreHarness.Step fromLooking = h.deliverFrom(1, looking(1, 0, 1, 0));
        CoreHarness.Step fromFollowing = h.deliverFrom(2, following(3, Zxid.of(1, 6), 1, 1));

        assertThat(repliesTo(fromLooking, 1)).extracting(Notification::toVote)
                .containsExactly(new Vote(3, Zxid.of(1, 6), 1, 1, ServerState.LEADING, 2));
        assertThat(fromFollowing.sends()).isEmpty();
    }

    /** 3.8 (ZOOKEEPER-1732): once the peer reports its new epoch, replies carry it. */
    @Test
    void repliesCarryThePeerEpochThePeerReports() {
        CoreHarness h = leaderOfRoundOne();
        h.peerState(ServerState.LEADING, new Vote(3, Zxid.of(1, 6), 1, 2, ServerState.LEADING, 2));

        CoreHarness.Step step = h.deliverFrom(1, looking(1, 0, 7, 0));

        assertThat(repliesTo(step, 1)).singleElement().satisfies(n -> {
            assertThat(n.peerEpoch()).isEqualTo(2);
            assertThat(n.electionEpoch()).as("the round the leader was elected in").isEqualTo(1);
        });
    }

    /** Our addition beyond ZooKeeper: a peer in our round with a worse vote gets our proposal at once. */
    @Test
    void worseVoteInOurRoundIsAnsweredWithOurProposal() {
        CoreHarness h = harness(3, VIEW, Vote.initial(3, Zxid.of(1, 6), 1), true);
        h.start();

        CoreHarness.Step worse = h.deliverFrom(1, looking(1, Zxid.of(1, 2), 1, 1));
        CoreHarness.Step same = h.deliverFrom(2, looking(3, Zxid.of(1, 6), 1, 1));

        assertThat(repliesTo(worse, 1)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(3);
            assertThat(n.electionEpoch()).isEqualTo(1);
        });
        assertThat(repliesTo(same, 2)).as("an agreeing vote needs no answer").isEmpty();
    }

    /**
     * The same during the finalize wait: a peer that lost the leader last proposes itself to peers
     * that already have a quorum; unanswered, it learns the better vote only at a re-send 200 ms
     * on, and every other peer's fast rule waits for its vote (bench sim trials of 200 ms).
     */
    @Test
    void worseVoteInOurRoundIsAnsweredDuringTheFinalizeWait() {
        QuorumView five = FleScript.voters(1, 2, 3, 4, 5);
        CoreHarness h = harness(3, five, Vote.initial(3, Zxid.of(1, 6), 1), true);
        h.start();
        h.deliverFrom(1, looking(3, Zxid.of(1, 6), 1, 1));
        h.deliverFrom(2, looking(3, Zxid.of(1, 6), 1, 1));
        assertThat(h.lastDecision()).as("a quorum, but 4 and 5 have not voted: finalize wait").isEmpty();

        CoreHarness.Step late = h.deliverFrom(4, looking(4, Zxid.of(1, 2), 1, 1));

        assertThat(repliesTo(late, 4)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(3);
            assertThat(n.state()).isEqualTo(ServerState.LOOKING);
            assertThat(n.electionEpoch()).isEqualTo(1);
        });
        assertThat(h.lastDecision()).as("its worse vote does not end the wait").isEmpty();
    }
}
