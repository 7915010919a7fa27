package io.quorum.transport.sim;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import java.util.SplittableRandom;

/**
 * The kernel as a {@link PeerLayer} sees it: virtual time and events, the trace, the run's seed
 * stream for the layer, the election cores of the peers, crashes and restarts, and session
 * connections over the simulated network (reliable and ordered while they last; broken by
 * partitions, stream resets and crashes; held by clogs).
 */
public interface SimHost {

    /** Virtual time now, in nanoseconds. */
    long now();

    /** Runs {@code action} at {@code timeNanos} (not before now). */
    void schedule(long timeNanos, Runnable action);

    /** Adds a trace line stamped with the current time. */
    void trace(String line);

    /** The layer's own random stream, split from the seed after the kernel's. */
    SplittableRandom random();

    /** The knobs the kernel drew for this run. */
    SimKnobs knobs();

    /** The ensemble, as {@link PeerLayer#ensemble} left it. */
    Ensemble ensemble();

    /** The run's state, as invariants see it. */
    SimState state();

    /** Tells peer {@code index}'s election core its state and the vote it now stands by. */
    void peerState(int index, ServerState state, Vote vote);

    /**
     * The peer goes back to LOOKING: its core hears the state change, then a new round starts
     * (ZooKeeper's main loop after a session ends). Nothing happens to a peer that is down or
     * has not decided.
     */
    void lookAgain(int index, String why);

    /** Crashes peer {@code index} now (its streams and connections break). */
    void crash(int index);

    /** Restarts a crashed peer; nothing happens if it is up. */
    void restart(int index);

    /** Opens a connection from {@code fromIndex} to {@code toIndex}; returns its id. */
    long connect(int fromIndex, int toIndex);

    /** Writes bytes on the connection from the end at {@code index}. */
    void write(int index, long connId, byte[] bytes);

    /** Closes the connection from the end at {@code index}; the other end hears after what was written. */
    void close(int index, long connId);
}
