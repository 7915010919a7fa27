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
 * ZooKeeper's AuthFastLeaderElection with its challenge check: {@code electionAlg=2} or
 * {@code electionAlg=auth-fast-challenge}. A notification counts only if it echoes the nonce
 * this peer sent to the sender's address for it, which proves the sender receives at that
 * address; there is no secret, so it proves nothing about who the sender is. Unlike ZooKeeper
 * 3.4.14 it also elects with peers on one host at distinct ports ({@link ChallengeTable}).
 */
public final class AuthFastChallengeProvider implements ElectionProvider {
    static final String NAME = "auth-fast-challenge";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptionalInt legacyId() {
        return OptionalInt.of(2);
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
        return new AuthFastLeaderElection(context, AuthSettings.from(NAME, context.properties()), true);
    }
}
