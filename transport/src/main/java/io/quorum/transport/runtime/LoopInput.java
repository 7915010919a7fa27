package io.quorum.transport.runtime;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Source;

/** What the election loop steps its core with, in the order the inputs arrive. */
sealed interface LoopInput {

    /** Open a round (the peer called lookForLeader). */
    record Start() implements LoopInput {
    }

    /** A payload from the network. */
    record Message(Source from, byte[] payload) implements LoopInput {
    }

    /** A stream to {@code sid} went up or down. */
    record Link(long sid, boolean up) implements LoopInput {
    }

    /** Dialling {@code sid} failed while its stream was down. */
    record Unreachable(long sid) implements LoopInput {
    }

    /** The peer's role or vote changed outside the election. */
    record PeerState(ServerState state, Vote vote) implements LoopInput {
    }

    /** Ends the loop. */
    record Stop() implements LoopInput {
    }
}
