package io.quorum.election.auth;

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
 * ZooKeeper's AuthFastLeaderElection without authentication: {@code electionAlg=1} or
 * {@code electionAlg=auth-fast}. One UDP socket on the election port, which every server line
 * must therefore have.
 */
public final class AuthFastLeaderElectionProvider implements ElectionProvider {
    static final String NAME = "auth-fast";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptionalInt legacyId() {
        return OptionalInt.of(1);
    }

    @Override
    public Optional<Comparator<Vote>> faultFreeLeaderOrder() {
        return Optional.of(Vote.BY_ZXID_SID);
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(Endpoint.ELECTION_UDP);
    }

    @Override
    public ElectionCore newCore(ElectionContext context) {
        return new AuthFastLeaderElection(context, AuthSettings.from(NAME, context.properties()), false);
    }
}
