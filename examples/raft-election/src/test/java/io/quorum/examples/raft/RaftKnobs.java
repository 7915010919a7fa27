package io.quorum.examples.raft;

import io.quorum.transport.sim.KnobSpace;
import java.util.HashMap;
import java.util.Map;

/** Raft's timing drawn per seed, within the ranges {@link RaftSettings} accepts. */
final class RaftKnobs {
    private RaftKnobs() {
    }

    /** Timeouts of 150-400 ms with a spread of 50-400 ms, a heartbeat of 20 ms to a third of the least timeout. */
    static KnobSpace drawn(boolean preVote, boolean checkQuorum) {
        return random -> {
            long min = random.nextLong(150, 401);
            Map<String, String> knobs = new HashMap<>();
            knobs.put(RaftSettings.ELECTION_TIMEOUT_MIN, Long.toString(min));
            knobs.put(RaftSettings.ELECTION_TIMEOUT_MAX, Long.toString(min + random.nextLong(50, 401)));
            knobs.put(RaftSettings.HEARTBEAT, Long.toString(random.nextLong(20, min / 3 + 1)));
            knobs.put(RaftSettings.PRE_VOTE, Boolean.toString(preVote));
            knobs.put(RaftSettings.CHECK_QUORUM, Boolean.toString(checkQuorum));
            return knobs;
        };
    }

    /** The plugin as it ships: pre-vote and check-quorum on. */
    static KnobSpace drawn() {
        return drawn(true, true);
    }
}
