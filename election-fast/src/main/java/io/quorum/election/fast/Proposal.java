package io.quorum.election.fast;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;

/**
 * Whom a peer proposes as leader and the history that leader brings: the part of a vote that
 * {@link VoteOrder} compares.
 */
record Proposal(long leader, long zxid, long peerEpoch) {

    /** What observers and other non-voters propose, so that they never win (PROTOCOL.md 3.4). */
    static final Proposal NON_VOTER = new Proposal(Long.MIN_VALUE, Zxid.OBSERVER_VOTE, Long.MIN_VALUE);

    static Proposal of(Vote vote) {
        return new Proposal(vote.leader(), vote.zxid(), vote.peerEpoch());
    }

    static Proposal of(Notification n) {
        return new Proposal(n.leader(), n.zxid(), n.peerEpoch());
    }

    /** This proposal as a vote cast in {@code round} by a voter in {@code state}. */
    Vote asVote(long round, ServerState state) {
        return new Vote(leader, zxid, round, peerEpoch, state, Vote.CURRENT_VERSION);
    }
}
