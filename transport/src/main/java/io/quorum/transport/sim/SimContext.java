package io.quorum.transport.sim;

import io.quorum.api.Vote;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.view.QuorumView;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What the simulator gives each core it makes: a seeded random, the run's drawn knobs, and the
 * peer's live history, which a core reads at the start of every round.
 */
record SimContext(long myId, QuorumView view, Supplier<Vote> history, RandomGenerator random,
        Map<String, String> properties) implements ElectionContext {

    /** A context whose history never changes. */
    static SimContext fixed(long myId, QuorumView view, Vote vote, RandomGenerator random, Map<String, String> properties) {
        return new SimContext(myId, view, () -> vote, random, properties);
    }

    @Override
    public Vote initialVote() {
        return history.get();
    }
}
