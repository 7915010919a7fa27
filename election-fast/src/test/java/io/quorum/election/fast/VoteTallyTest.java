package io.quorum.election.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.view.QuorumVerifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper's FLEOutOfElectionTest (ZOOKEEPER-1818, ZOOKEEPER-3537) and FLEDontCareTest
 * (ZOOKEEPER-1817) on five peers: the vote equality of PROTOCOL.md 3.6 step 9, the termination
 * test and checkLeader (step 8).
 */
class VoteTallyTest {
    private static final QuorumVerifier FIVE = FleScript.voters(1, 2, 3, 4, 5).verifier();

    private static Vote vote(long leader, long zxid, long round, long peerEpoch, ServerState state, int version) {
        return new Vote(leader, zxid, round, peerEpoch, state, version);
    }

    /** testIgnoringZxidElectionEpoch: settled votes with different zxid and round still agree on (leader, peerEpoch). */
    @Test
    void settledVotesIgnoreZxidAndRound() {
        Map<Long, Vote> votes = new HashMap<>();
        votes.put(1L, vote(4, 0x1234, 1, 1, ServerState.FOLLOWING, 2));
        votes.put(2L, vote(4, 0x17, 5, 1, ServerState.FOLLOWING, 2));
        votes.put(4L, vote(4, 0x0, 3, 1, ServerState.LEADING, 2));

        assertThat(VoteTally.hasQuorum(FIVE, votes, vote(4, 0x99, 9, 1, ServerState.FOLLOWING, 2))).isTrue();
    }

    /** testElectionWithDifferentVersion: a version-0 vote is "don't care" for peerEpoch (ZOOKEEPER-1732). */
    @Test
    void versionZeroAgainstVersionedComparesOnlyTheLeader() {
        Vote versionZero = vote(4, 0x1, 1, 0, ServerState.FOLLOWING, 0);
        Vote versioned = vote(4, 0x1, 1, 1, ServerState.LEADING, 2);

        assertThat(VoteTally.matches(versionZero, versioned)).isTrue();
        assertThat(VoteTally.matches(vote(4, 0x1, 1, 0, ServerState.FOLLOWING, 1), versioned)).isFalse();
        assertThat(VoteTally.matches(vote(3, 0x1, 1, 1, ServerState.FOLLOWING, 0), versioned)).isFalse();
        assertThat(VoteTally.matches(vote(4, 0x1, 1, 7, ServerState.FOLLOWING, 0),
                vote(4, 0x1, 1, 7, ServerState.LEADING, 0))).isTrue();
        assertThat(VoteTally.matches(vote(4, 0x1, 1, 6, ServerState.FOLLOWING, 0),
                vote(4, 0x1, 1, 7, ServerState.LEADING, 0))).isFalse();
    }

    /** testLookingNormal: a quorum of LOOKING votes for 4 in one round. */
    @Test
    void lookingVotesInOneRoundFormAQuorum() {
        Map<Long, Vote> votes = new HashMap<>();
        for (long sid = 1; sid <= 3; sid++) {
            votes.put(sid, vote(4, 0x5, 2, 1, ServerState.LOOKING, 2));
        }

        assertThat(VoteTally.hasQuorum(FIVE, votes, vote(4, 0x5, 2, 1, ServerState.LOOKING, 2))).isTrue();
        assertThat(VoteTally.supporters(votes, vote(4, 0x5, 2, 1, ServerState.LOOKING, 2))).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    /** testLookingDiffRounds: LOOKING votes cast in different rounds are not counted together. */
    @Test
    void lookingVotesInDifferentRoundsAreNotCountedTogether() {
        Map<Long, Vote> votes = new HashMap<>();
        votes.put(1L, vote(4, 0x5, 1, 1, ServerState.LOOKING, 2));
        votes.put(2L, vote(4, 0x5, 2, 1, ServerState.LOOKING, 2));
        votes.put(3L, vote(4, 0x5, 3, 1, ServerState.LOOKING, 2));
        votes.put(5L, vote(4, 0x5, 3, 1, ServerState.LOOKING, 2));

        assertThat(VoteTally.hasQuorum(FIVE, votes, vote(4, 0x5, 3, 1, ServerState.LOOKING, 2))).isFalse();
        votes.put(2L, vote(4, 0x5, 3, 1, ServerState.LOOKING, 2));
        assertThat(VoteTally.hasQuorum(FIVE, votes, vote(4, 0x5, 3, 1, ServerState.LOOKING, 2))).isTrue();
    }

    /** When either side is LOOKING all of leader, zxid, round and peerEpoch must agree. */
    @Test
    void aLookingSideComparesAllFourFields() {
        Vote looking = vote(4, 0x5, 3, 1, ServerState.LOOKING, 2);

        assertThat(VoteTally.matches(looking, vote(4, 0x5, 3, 1, ServerState.FOLLOWING, 2))).isTrue();
        assertThat(VoteTally.matches(looking, vote(4, 0x6, 3, 1, ServerState.FOLLOWING, 2))).isFalse();
        assertThat(VoteTally.matches(looking, vote(4, 0x5, 2, 1, ServerState.FOLLOWING, 0))).isFalse();
    }

    /** testOutofElection / checkLeader: following another peer needs that peer's own LEADING vote. */
    @Test
    void followingAnotherPeerNeedsItsOwnLeadingVote() {
        Map<Long, Vote> votes = new HashMap<>();
        votes.put(1L, vote(4, 0, 7, 1, ServerState.FOLLOWING, 2));
        votes.put(2L, vote(4, 0, 7, 1, ServerState.FOLLOWING, 2));
        votes.put(3L, vote(4, 0, 7, 1, ServerState.FOLLOWING, 2));

        assertThat(VoteTally.leaderConfirmed(votes, 4, 7, 5, 1)).isFalse();
        votes.put(4L, vote(4, 0, 7, 1, ServerState.FOLLOWING, 2));
        assertThat(VoteTally.leaderConfirmed(votes, 4, 7, 5, 1)).isFalse();
        votes.put(4L, vote(4, 0, 7, 1, ServerState.LEADING, 2));
        assertThat(VoteTally.leaderConfirmed(votes, 4, 7, 5, 1)).as("rounds may differ when following").isTrue();
    }

    /** checkLeader, ZOOKEEPER-1514: leading needs the round of the votes to be this peer's own round. */
    @Test
    void leadingNeedsTheVotesToBeFromMyRound() {
        Map<Long, Vote> votes = Map.of(1L, vote(5, 0, 3, 1, ServerState.FOLLOWING, 2));

        assertThat(VoteTally.leaderConfirmed(votes, 5, 3, 5, 3)).isTrue();
        assertThat(VoteTally.leaderConfirmed(votes, 5, 3, 5, 4)).isFalse();
    }
}
