package io.quorum.election.legacy;

import io.quorum.api.Vote;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * ZooKeeper's original algorithm over UDP: {@code electionAlg=0} or {@code electionAlg=legacy}.
 * It needs the responder's socket on the quorum port and the requester's on an ephemeral port;
 * no election port.
 */
public final class LeaderElectionProvider implements ElectionProvider {

    @Override
    public String name() {
        return "legacy";
    }

    @Override
    public OptionalInt legacyId() {
        return OptionalInt.of(0);
    }

    @Override
    public Optional<Comparator<Vote>> faultFreeLeaderOrder() {
        return Optional.of(Vote.BY_ZXID_SID);
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(Endpoint.QUORUM_UDP, Endpoint.EPHEMERAL_UDP);
    }

    @Override
    public ElectionCore newCore(ElectionContext context) {
        return new LeaderElection(context, LegacySettings.from(context.properties()));
    }
}
