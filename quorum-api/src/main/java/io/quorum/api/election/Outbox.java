package io.quorum.api.election;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;

/**
 * The only way a core acts on the world. The driver records each call and carries it out after
 * the core's method returns, in call order, so a core never re-enters itself and the simulator
 * can replay every effect exactly.
 */
public interface Outbox {

    /** Sends a payload. The driver copies nothing: the core must not touch the array afterwards. */
    void send(Destination to, byte[] payload);

    /** Asks for {@link ElectionCore#onTimer} at {@code deadlineNanos} (the driver's clock); re-setting a key moves it. */
    void setTimer(TimerKey key, long deadlineNanos);

    /** Cancels a pending timer; cancelling one that is not pending does nothing. */
    void cancelTimer(TimerKey key);

    /**
     * Ends the current round: this peer takes {@code role} under the leader of {@code vote}.
     * Only valid while a round started by {@link ElectionCore#start} is open.
     */
    void decide(Vote vote, ServerState role);

    /**
     * A line for the trace: the runtime logs it with the peer's id, the simulator prints it in the
     * run's trace. Cores use this instead of a logger.
     */
    void trace(String line);

    /**
     * While this peer leads: voter {@code sid} is looking for a leader in a newer round than the
     * one that elected this peer, so it changed its mind and will not join this epoch soon. The
     * peer's leader session may give up waiting for it (ZOOKEEPER-3109). Optional for cores.
     */
    default void voterLooking(long sid) {
    }

    /**
     * While this peer leads, follows or observes (no round is open): asks the peer to end that
     * session and look for a leader again, for {@code reason} (logged). The peer then tells the
     * core LOOKING through {@link ElectionCore#onPeerState} and starts a round with
     * {@link ElectionCore#start}. For algorithms that can tell the role is lost before the session
     * layer does, such as a Raft leader that no longer hears from a quorum (check-quorum) or that
     * learns of a newer term. Ignored while a round is open. Optional for cores.
     */
    default void lookAgain(String reason) {
    }
}
