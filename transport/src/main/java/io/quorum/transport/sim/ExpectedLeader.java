package io.quorum.transport.sim;

import io.quorum.api.Vote;
import io.quorum.api.view.QuorumView;
import java.util.Comparator;
import java.util.List;

/**
 * The leader an algorithm must elect on a fault-free run, given every peer's initial vote. The
 * order belongs to the algorithm, so the caller supplies it.
 */
@FunctionalInterface
public interface ExpectedLeader {

    long leaderOf(List<Vote> initialVotes, QuorumView view);

    /**
     * ZooKeeper's order: the greatest (peerEpoch, zxid, sid) among the voters that may lead.
     */
    static ExpectedLeader greatestEpochZxidSid() {
        Comparator<Vote> order = Comparator.comparingLong(Vote::peerEpoch)
                .thenComparingLong(Vote::zxid)
                .thenComparingLong(Vote::leader);
        return (votes, view) -> votes.stream()
                .filter(v -> view.verifier().mayLead(v.leader()))
                .max(order)
                .map(Vote::leader)
                .orElseThrow(() -> new IllegalArgumentException("no voter may lead in " + view));
    }
}
