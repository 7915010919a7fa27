package io.quorum.transport.sim;

import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What runs on every simulated peer besides its election core: ZooKeeper's session layer (the
 * peer-level simulation in quorum-peer), or {@link StandInSessions}, the election-level stand-in
 * for it. The kernel ({@link Simulation}) owns time, the network, the fault plan and the election
 * cores; a layer hears what happens to its peers and acts through the {@link SimHost} it is given.
 *
 * <p>A layer is made fresh for every run (see {@link SimulationOptions#peerLayer()}) and is as
 * deterministic as the kernel: no clock, threads or unseeded randomness. Peers are named by index
 * (sid = index + 1), as everywhere in the kernel.
 */
public interface PeerLayer {

    /**
     * Lets the layer replace the histories the kernel drew (for example with histories its protocol
     * can reach); called once, before anything else. The default keeps them.
     */
    default Ensemble ensemble(Ensemble drawn, SplittableRandom random) {
        return drawn;
    }

    /** Hands the layer the run's kernel; called once before any peer boots. */
    void attach(SimHost host);

    /** Header lines for what the layer drew from the seed, printed after the kernel's knobs. */
    default List<String> describe() {
        return List.of();
    }

    /**
     * Peer {@code index} is booting (first boot or restart after a crash) and must recover what it
     * persisted. Returns false if it cannot start, which leaves it down.
     */
    default boolean boot(int index) {
        return true;
    }

    /** The vote the peer's next election round starts from: its live history. */
    Vote initialVote(int index);

    /** Peer {@code index} crashed: everything it held in memory is gone. */
    default void crashed(int index) {
    }

    /** The peer's election core decided; the kernel has already told the core its new state. */
    default void decided(int index, Decision decision) {
    }

    /** The fault plan's "lose-leader": the peer's session ends as if it had failed. */
    void loseSession(int index);

    /** The liveness phase began: faults are off, the network is healed and {@code core} is up. */
    default void livenessBegan(List<Integer> core) {
    }

    /**
     * Whether the liveness goal is met; if so, a short description for the trace (the run then
     * ends). Asked after every event of the liveness phase.
     */
    Optional<String> converged(SimState state);

    /** The liveness goal in words, for a liveness violation. */
    String livenessGoal();

    /** Every peer's state in one line, for a liveness violation. */
    String describePeers(SimState state);

    /** Invariants over the layer's own state, checked after the kernel's. */
    default List<Invariant> invariants() {
        return List.of();
    }

    // Session connections (SimHost#connect): each callback concerns a connection the peer is an end of.

    /** Whether peer {@code index} accepts connections now (a ZooKeeper leader listens on its quorum port). */
    default boolean accepts(int index) {
        return false;
    }

    /** Peer {@code index} accepted connection {@code connId} from peer {@code fromIndex}. */
    default void accepted(int index, long connId, int fromIndex) {
    }

    /** The connection peer {@code index} opened is established. */
    default void connected(int index, long connId) {
    }

    /** Bytes arrived on the connection, in the order the other end wrote them. */
    default void received(int index, long connId, byte[] bytes) {
    }

    /**
     * The connection is gone at this end: the other end closed it, or a partition, reset or crash
     * broke it, or (before {@link #connected}) it was refused.
     */
    default void disconnected(int index, long connId) {
    }
}
