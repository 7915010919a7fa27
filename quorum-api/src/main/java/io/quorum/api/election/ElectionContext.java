package io.quorum.api.election;

import io.quorum.api.LearnerType;
import io.quorum.api.Vote;
import io.quorum.api.view.QuorumView;
import java.util.Map;
import java.util.random.RandomGenerator;

/** What a core is given when it is made: who it is, whom it elects among, and its settings. */
public interface ElectionContext {

    /** This peer's server id. */
    long myId();

    /** This peer's role in the ensemble. */
    default LearnerType learnerType() {
        return view().server(myId()).map(s -> s.type()).orElse(LearnerType.PARTICIPANT);
    }

    /** The ensemble this peer elects among. */
    QuorumView view();

    /**
     * The vote this peer starts a round with: itself, its last logged zxid and its current epoch.
     * Cores read it at the start of every round, so a peer backs it with its live history.
     */
    Vote initialVote();

    /**
     * The only randomness a core may use: seeded by the simulator so runs replay, a secure
     * generator in production.
     */
    RandomGenerator random();

    /**
     * The zoo.cfg keys under {@code election.<name>.}, with that prefix removed, plus the
     * ZooKeeper keys the algorithm reads (such as {@code cnxTimeout}). In the simulator, the
     * settings a sweep draws for the run.
     */
    Map<String, String> properties();
}
