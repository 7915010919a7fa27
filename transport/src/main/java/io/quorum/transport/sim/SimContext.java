package io.quorum.transport.sim;

import io.quorum.api.Vote;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.view.QuorumView;
import java.util.Map;
import java.util.random.RandomGenerator;

/** What the simulator gives each core it makes: a seeded random and the run's drawn knobs. */
record SimContext(long myId, QuorumView view, Vote initialVote, RandomGenerator random,
        Map<String, String> properties) implements ElectionContext {
}
