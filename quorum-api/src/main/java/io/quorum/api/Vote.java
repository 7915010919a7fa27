package io.quorum.api;

import java.util.Comparator;
import java.util.Objects;

/**
 * A vote as ZooKeeper's election algorithms exchange it: whom the voter proposes as leader and the
 * history that proposal rests on.
 *
 * @param leader the proposed leader's server id
 * @param zxid the last zxid of the proposed leader's history
 * @param electionEpoch the election round (ZooKeeper's logical clock) the vote was cast in
 * @param peerEpoch the current epoch of the proposed leader
 * @param state the voter's state when it sent the vote
 * @param version the notification format version (0 for formats without one)
 */
public record Vote(long leader, long zxid, long electionEpoch, long peerEpoch, ServerState state, int version) {

    /** The notification version ZooKeeper 3.4.6 and later write. */
    public static final int CURRENT_VERSION = 2;

    /** FastLeaderElection's preference among candidates: the greatest (peerEpoch, zxid, leader). */
    public static final Comparator<Vote> BY_EPOCH_ZXID_SID = Comparator.comparingLong(Vote::peerEpoch)
            .thenComparingLong(Vote::zxid).thenComparingLong(Vote::leader);

    /** The preference of algorithms that carry no epoch (LeaderElection, AuthFastLeaderElection). */
    public static final Comparator<Vote> BY_ZXID_SID = Comparator.comparingLong(Vote::zxid)
            .thenComparingLong(Vote::leader);

    public Vote {
        Objects.requireNonNull(state, "state is null");
    }

    /**
     * The vote a peer starts an election with: itself, its last logged zxid and its current
     * epoch, cast while LOOKING in round 0.
     */
    public static Vote initial(long myId, long lastLoggedZxid, long currentEpoch) {
        return new Vote(myId, lastLoggedZxid, 0, currentEpoch, ServerState.LOOKING, CURRENT_VERSION);
    }

    /** This vote cast in another election round. */
    public Vote withElectionEpoch(long round) {
        return new Vote(leader, zxid, round, peerEpoch, state, version);
    }

    /** This vote as sent by a voter in another state. */
    public Vote withState(ServerState newState) {
        return new Vote(leader, zxid, electionEpoch, peerEpoch, newState, version);
    }

    /**
     * Whether two votes name the same leader with the same history, ignoring round, voter state
     * and format version: the comparison a vote tally makes.
     */
    public boolean sameProposal(Vote other) {
        return leader == other.leader && zxid == other.zxid && peerEpoch == other.peerEpoch;
    }

    @Override
    public String toString() {
        return "Vote{leader=" + leader + ", zxid=" + Zxid.toHex(zxid) + ", round=" + Zxid.toHex(electionEpoch)
                + ", peerEpoch=" + Zxid.toHex(peerEpoch) + ", state=" + state + ", version=" + version + "}";
    }
}
