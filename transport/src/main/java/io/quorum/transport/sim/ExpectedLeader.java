package io.quorum.transport.sim;

import io.quorum.api.Vote;
import io.quorum.api.election.ElectionProvider;
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

    /** The greatest initial vote in {@code order} among the voters that may lead. */
    static ExpectedLeader greatest(Comparator<Vote> order) {
        return (votes, view) -> votes.stream()
                .filter(v -> view.verifier().mayLead(v.leader()))
                .max(order)
                .map(Vote::leader)
                .orElseThrow(() -> new IllegalArgumentException("no voter may lead in " + view));
    }

    /** No leader in particular: fault-free runs are not checked against one. */
    static ExpectedLeader none() {
        return (votes, view) -> SimState.NO_EXPECTED_LEADER;
    }

    /** What the provider promises ({@link ElectionProvider#faultFreeLeaderOrder}). */
    static ExpectedLeader of(ElectionProvider provider) {
        return provider.faultFreeLeaderOrder().map(ExpectedLeader::greatest).orElseGet(ExpectedLeader::none);
    }

    /** ZooKeeper's order: the greatest (peerEpoch, zxid, sid) among the voters that may lead. */
    static ExpectedLeader greatestEpochZxidSid() {
        return greatest(Vote.BY_EPOCH_ZXID_SID);
    }
}
