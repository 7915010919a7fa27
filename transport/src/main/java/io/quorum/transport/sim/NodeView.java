package io.quorum.transport.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;

/** A read-only view of one simulated peer, for invariants. */
public interface NodeView {

    long sid();

    LearnerType learnerType();

    /**
     * The vote the peer started the run with: the (epoch, zxid) history it had persisted. A peer
     * layer that changes histories during the run keeps the live one itself.
     */
    Vote initialVote();

    /** Whether the peer is running (not crashed). */
    boolean isUp();

    /** Whether a round is open: started and not yet decided. */
    boolean isLooking();

    /** The decision of the last round, or {@code null} if the peer is looking or never decided. */
    Decision decision();

    /** How many rounds this peer has decided over the run, across restarts. */
    int decisionCount();

    /** How many times the peer restarted after a crash. */
    int restarts();
}
