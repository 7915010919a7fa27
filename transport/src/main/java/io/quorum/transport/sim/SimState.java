package io.quorum.transport.sim;

import io.quorum.api.view.QuorumView;
import java.util.List;
import java.util.Optional;

/** A read-only view of a running simulation, which invariants inspect after every step. */
public interface SimState {

    long seed();

    FaultSchedule schedule();

    SimPhase phase();

    /** Virtual time now, in nanoseconds. */
    long now();

    QuorumView view();

    /** Every peer, in sid order. */
    List<NodeView> nodes();

    /** What {@link #expectedLeader()} returns when no one leader is expected. */
    long NO_EXPECTED_LEADER = 0;

    /**
     * The leader the algorithm must elect on a fault-free run, by the caller's order; after a
     * scripted failover ({@link SimulationOptions#failover()}), the best of the peers still up,
     * and {@link #NO_EXPECTED_LEADER} once the liveness phase restarts the crashed leader.
     */
    long expectedLeader();

    /** When the liveness phase must have converged by; {@code Long.MAX_VALUE} during the safety phase. */
    long livenessDeadlineNanos();

    /** Whether the peer layer's liveness goal is met now, and if so how. */
    Optional<String> converged();

    /** The peer layer's liveness goal in words. */
    String livenessGoal();

    /** Every peer's state in one line, as the peer layer sees it. */
    String describePeers();
}
