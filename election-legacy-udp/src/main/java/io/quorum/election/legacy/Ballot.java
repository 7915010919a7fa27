package io.quorum.election.legacy;

import io.quorum.api.Zxid;
import java.util.Comparator;

/**
 * A vote as alg 0 carries it: a leader id and a zxid, nothing else (no epochs, no state).
 *
 * @param leader the server voted for
 * @param zxid the zxid the voter attributes to that server
 */
record Ballot(long leader, long zxid) {
    /**
     * 3.4.14's order for the best vote: the greater zxid, then the greater id. There is no epoch
     * in alg 0's messages, so unlike FastLeaderElection the peerEpoch plays no part.
     */
    static final Comparator<Ballot> ORDER = Comparator.comparingLong(Ballot::zxid).thenComparingLong(Ballot::leader);

    Ballot withZxid(long newZxid) {
        return new Ballot(leader, newZxid);
    }

    @Override
    public String toString() {
        return leader + "@" + Zxid.toHex(zxid);
    }
}
