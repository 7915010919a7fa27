package io.quorum.transport.runtime;

import io.quorum.api.Vote;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.view.QuorumView;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The context a running peer gives its core: the initial vote comes from the peer's live history
 * at each round, and randomness from a secure generator.
 */
public final class PeerElectionContext implements ElectionContext {
    private final long myId;
    private final QuorumView view;
    private final Supplier<Vote> initialVote;
    private final Map<String, String> properties;
    private final RandomGenerator random = new SecureRandom();

    public PeerElectionContext(long myId, QuorumView view, Supplier<Vote> initialVote, Map<String, String> properties) {
        this.myId = myId;
        this.view = Objects.requireNonNull(view, "view is null");
        this.initialVote = Objects.requireNonNull(initialVote, "initialVote is null");
        this.properties = Map.copyOf(properties);
    }

    @Override
    public long myId() {
        return myId;
    }

    @Override
    public QuorumView view() {
        return view;
    }

    @Override
    public Vote initialVote() {
        return initialVote.get();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }
}
