package io.quorum.examples.raft;

import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.Set;

/**
 * {@code electionAlg=raft}: a Raft-style leader election over the TCP election port. It has no
 * ZooKeeper number and promises no particular leader on a fault-free run (the randomised timeouts
 * decide who campaigns first), only one whose history (epoch, zxid) is at least that of a quorum,
 * which is what ZooKeeper's session layer needs from a leader.
 */
public final class RaftElectionProvider implements ElectionProvider {
    public static final String NAME = "raft";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(Endpoint.ELECTION_TCP);
    }

    /** @throws IllegalArgumentException if an {@code election.raft.*} setting is invalid */
    @Override
    public ElectionCore newCore(ElectionContext context) {
        return new RaftCore(context, RaftSettings.from(context.properties()));
    }
}
