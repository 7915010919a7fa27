package io.quorum.election.auth;

import io.quorum.api.Zxid;

/**
 * What AuthFastLeaderElection votes with: a proposed leader and the zxid of its history. Alg 1/2
 * carry no peer epoch (PROTOCOL.md section 5.1), so this is all two votes are compared and
 * matched on.
 */
record Ballot(long leader, long zxid) {

    /**
     * What observers propose until they adopt a voter's vote: no server, and the lowest zxid, so
     * that no peer adopts it (3.4.14's order compares zxids first, {@link BallotOrder}).
     */
    static final Ballot NON_VOTER = new Ballot(Long.MIN_VALUE, Zxid.OBSERVER_VOTE);

    @Override
    public String toString() {
        return (leader == Long.MIN_VALUE ? "none" : Long.toString(leader)) + "@" + Zxid.toHex(zxid);
    }
}
