package io.quorum.peer.sim;

import io.quorum.election.fast.FastLeaderElectionProvider;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.KnobSpace;
import io.quorum.transport.sim.SimulationOptions;
import java.util.Map;

/** FastLeaderElection as the peers' election, and templates for peer-level runs. */
final class PeerSims {
    static final FastLeaderElectionProvider FLE = new FastLeaderElectionProvider();

    private PeerSims() {
    }

    /**
     * FLE's knobs drawn per seed within ZooKeeper's legal ranges, the fast termination rule on or
     * off. finalizeWait stays above the simulator's start spread (up to 50 ms), as in FLE's own
     * simulation test, so that the fault-free expected-leader check means all peers were heard.
     */
    static final KnobSpace FLE_KNOBS = random -> Map.of(
            "finalizeWait", Long.toString(random.nextLong(60, 401)),
            "minNotificationInterval", Long.toString(random.nextLong(50, 401)),
            "maxNotificationInterval", Long.toString(random.nextLong(1_000, 60_001)),
            "fastTermination", Boolean.toString(random.nextBoolean()));

    /** A peer-level run of FLE with {@code voters} voters and {@code observers} observers. */
    static SimulationOptions.Builder template(int voters, int observers, FaultSchedule schedule, PeerSimOptions options) {
        return PeerSimulation.options(0, options).voters(voters).observers(observers).schedule(schedule)
                .knobSpace(FLE_KNOBS).traceTailLines(200);
    }
}
