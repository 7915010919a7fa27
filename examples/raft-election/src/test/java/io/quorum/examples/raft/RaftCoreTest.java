package io.quorum.examples.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.sim.CoreHarness;
import io.quorum.transport.testing.TestViews;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One raft core scripted by hand with quorum's CoreHarness: the rules, message by message. */
class RaftCoreTest {
    private static final long MS = 1_000_000L;

    private static CoreHarness peer(long myId, Vote history, boolean checkQuorum) {
        return CoreHarness.builder(new RaftElectionProvider()).myId(myId).view(TestViews.majority(3))
                .initialVote(history).property(RaftSettings.CHECK_QUORUM, Boolean.toString(checkQuorum)).build();
    }

    private static byte[] heartbeat(long term, long epoch, long zxid) {
        return RaftMessage.request(RaftMessage.Kind.HEARTBEAT, term, epoch, zxid, 0).encode();
    }

    private static RaftMessage only(CoreHarness.Step step) {
        List<EffectBuffer.Send> sends = step.sends();
        assertThat(sends).hasSize(1);
        return RaftMessage.decode(ByteBuffer.wrap(sends.get(0).payload())).toOptional().orElseThrow();
    }

    @Test
    void aLookingPeerFollowsTheFirstLeaderItHearsWithThatLeadersHistory() {
        CoreHarness harness = peer(1, Vote.initial(1, Zxid.of(1, 5), 1), true);
        harness.start();

        CoreHarness.Step step = harness.deliverFrom(2, heartbeat(4, 2, Zxid.of(2, 3)));

        Decision decided = step.decision().orElseThrow();
        assertThat(decided.role()).isEqualTo(ServerState.FOLLOWING);
        assertThat(decided.vote()).isEqualTo(new Vote(2, Zxid.of(2, 3), 4, 2, ServerState.FOLLOWING, Vote.CURRENT_VERSION));
        assertThat(only(step)).isEqualTo(RaftMessage.reply(RaftMessage.Kind.HEARTBEAT_REPLY, 4, true, 0));
    }

    @Test
    void aPeerThatHearsFromALeaderRefusesPreVotesUnlessCheckQuorumIsOff() {
        for (boolean checkQuorum : new boolean[] {true, false}) {
            CoreHarness harness = peer(1, Vote.initial(1, 0, 0), checkQuorum);
            harness.start();
            harness.deliverFrom(2, heartbeat(1, 0, 0));

            RaftMessage answer = only(harness.deliverFrom(3,
                    RaftMessage.request(RaftMessage.Kind.PRE_VOTE, 2, 0, 0, 1).encode()));

            assertThat(answer.granted()).as("checkQuorum=" + checkQuorum).isEqualTo(!checkQuorum);
        }
    }

    @Test
    void aPreVoteNeverRaisesTheVotersTerm() {
        CoreHarness harness = peer(1, Vote.initial(1, 0, 0), true);
        harness.start();

        assertThat(only(harness.deliverFrom(3, RaftMessage.request(RaftMessage.Kind.PRE_VOTE, 7, 0, 0, 1).encode()))
                .granted()).isTrue();
        // A heartbeat of term 1 is still current: the pre-vote for term 7 changed nothing.
        assertThat(harness.deliverFrom(2, heartbeat(1, 0, 0)).decision()).isPresent();
    }

    @Test
    void votesGoOnlyToCandidatesAtLeastAsUpToDateAndOncePerTerm() {
        CoreHarness harness = peer(1, Vote.initial(1, Zxid.of(2, 7), 2), true);
        harness.start();

        assertThat(only(harness.deliverFrom(2, RaftMessage.request(RaftMessage.Kind.VOTE, 1, 2, Zxid.of(2, 6), 1).encode()))
                .granted()).as("older zxid in the same epoch").isFalse();
        assertThat(only(harness.deliverFrom(2, RaftMessage.request(RaftMessage.Kind.VOTE, 1, 1, Zxid.of(9, 9), 1).encode()))
                .granted()).as("older epoch").isFalse();
        assertThat(only(harness.deliverFrom(2, RaftMessage.request(RaftMessage.Kind.VOTE, 1, 3, 0, 1).encode())).granted())
                .as("newer epoch").isTrue();
        assertThat(only(harness.deliverFrom(3, RaftMessage.request(RaftMessage.Kind.VOTE, 1, 3, 0, 1).encode())).granted())
                .as("a second candidate in the same term").isFalse();
    }

    @Test
    void aLoneVoterCampaignsAfterItsRandomisedTimeoutAndLeadsWithAQuorum() {
        CoreHarness harness = peer(1, Vote.initial(1, Zxid.of(1, 1), 1), true);
        harness.start();
        long deadline = harness.pendingTimers().get(RaftCore.ELECTION);
        assertThat(deadline).isBetween(300 * MS, 600 * MS);

        CoreHarness.Step preVote = harness.advanceToNextTimer();
        assertThat(preVote.sends()).hasSize(2);
        harness.deliverFrom(2, RaftMessage.reply(RaftMessage.Kind.PRE_VOTE_REPLY, 1, true, 1).encode());
        CoreHarness.Step won = harness.deliverFrom(2, RaftMessage.reply(RaftMessage.Kind.VOTE_REPLY, 1, true, 2).encode());

        assertThat(won.decision()).map(Decision::role).contains(ServerState.LEADING);
        assertThat(won.decision().orElseThrow().vote().peerEpoch()).isEqualTo(1);
    }

    /**
     * A pre-vote does not raise the term, so a peer can ask for the same term twice; a grant to
     * the first attempt, re-sent when a stream reconnects, must not count for the second (found
     * by the simulator's rejoin: the stale grants let a rejoining peer depose the leader).
     */
    @Test
    void aGrantToAnEarlierPreVoteDoesNotCount() {
        CoreHarness harness = peer(1, Vote.initial(1, 0, 0), true);
        harness.start();
        harness.advanceToNextTimer();
        harness.advanceToNextTimer();

        CoreHarness.Step stale = harness.deliverFrom(2,
                RaftMessage.reply(RaftMessage.Kind.PRE_VOTE_REPLY, 1, true, 1).encode());
        CoreHarness.Step current = harness.deliverFrom(3,
                RaftMessage.reply(RaftMessage.Kind.PRE_VOTE_REPLY, 1, true, 2).encode());

        assertThat(stale.sends()).as("no campaign on a stale grant").isEmpty();
        assertThat(current.sends()).as("the current grant makes a quorum: a vote request to each other voter")
                .hasSize(2);
    }

    @Test
    void aLeaderThatHearsFromNoQuorumAsksItsPeerToLookAgain() {
        CoreHarness harness = peer(1, Vote.initial(1, 0, 0), true);
        harness.start();
        harness.advanceToNextTimer();
        harness.deliverFrom(2, RaftMessage.reply(RaftMessage.Kind.PRE_VOTE_REPLY, 1, true, 1).encode());
        harness.deliverFrom(2, RaftMessage.reply(RaftMessage.Kind.VOTE_REPLY, 1, true, 2).encode());

        CoreHarness.Step check = harness.advance(300 * MS);

        assertThat(check.effects()).anyMatch(effect -> effect instanceof EffectBuffer.LookAgain again
                && again.reason().startsWith("check-quorum"));
    }

    @Test
    void garbageIsRejectedWithoutThrowing() {
        CoreHarness harness = peer(1, Vote.initial(1, 0, 0), true);
        harness.start();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(0, 40)];
            random.nextBytes(bytes);
            harness.deliverFrom(2, bytes);
        }
        assertThat(RaftMessage.decode(ByteBuffer.wrap(new byte[3])).isDecoded()).isFalse();
        assertThat(harness.trace()).anyMatch(line -> line.startsWith("rejected from 2: "));
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> RaftSettings.from(Map.of(RaftSettings.HEARTBEAT, "often")))
                .hasMessage("election.raft.heartbeatMs=often is not a number of milliseconds");
        assertThatThrownBy(() -> RaftSettings.from(Map.of(RaftSettings.ELECTION_TIMEOUT_MAX, "300")))
                .hasMessageContaining("electionTimeoutMaxMs (300 ms) must be greater than electionTimeoutMinMs (300 ms)");
        assertThatThrownBy(() -> RaftSettings.from(Map.of(RaftSettings.PRE_VOTE, "yes")))
                .hasMessage("election.raft.preVote=yes is not true or false");
    }
}
