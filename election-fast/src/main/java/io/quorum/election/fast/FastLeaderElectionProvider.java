package io.quorum.election.fast;

import io.quorum.api.Vote;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** ZooKeeper's default algorithm: {@code electionAlg=3} or {@code electionAlg=fast}. */
public final class FastLeaderElectionProvider implements ElectionProvider {

    @Override
    public String name() {
        return "fast";
    }

    @Override
    public OptionalInt legacyId() {
        return OptionalInt.of(3);
    }

    @Override
    public Optional<Comparator<Vote>> faultFreeLeaderOrder() {
        return Optional.of(Vote.BY_EPOCH_ZXID_SID);
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(Endpoint.ELECTION_TCP);
    }

    @Override
    public ElectionCore newCore(ElectionContext context) {
        return new FastLeaderElection(context, FastElectionSettings.from(context.properties()));
    }
}
