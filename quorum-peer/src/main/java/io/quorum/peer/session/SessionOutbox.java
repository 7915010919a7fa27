package io.quorum.peer.session;

/**
 * The effects a session core asks for, common to leader and learner. The driver records the calls
 * and carries them out after the core's method returns, <b>in call order</b>.
 *
 * <p>Ordering contract: the persistence effects ({@link #persistAcceptedEpoch}, {@link
 * #markUpdatingEpoch}, {@link #persistCurrentEpoch}, {@link #clearUpdatingEpoch}) must be durable
 * (the {@code EpochStore} setter returned) before any later effect of the same call is carried
 * out, because the cores place them before the send they justify (PROTOCOL.md section 6.5: a peer
 * acknowledges an epoch only once it is on disk). If one fails, the driver carries out none of the
 * later effects, closes the connection(s) and ends the session as if {@link #lost} had been asked.
 * After {@link #lost} the core is finished: the driver closes its connections, forgets its timers
 * and goes back to LOOKING.
 */
public interface SessionOutbox {

    /** Store acceptedEpoch ({@code EpochStore.setAcceptedEpoch}). */
    void persistAcceptedEpoch(long epoch);

    /** Create the updatingEpoch marker ({@code EpochStore.markUpdatingEpoch}), before currentEpoch changes. */
    void markUpdatingEpoch();

    /** Store currentEpoch ({@code EpochStore.setCurrentEpoch}). */
    void persistCurrentEpoch(long epoch);

    /** Remove the updatingEpoch marker ({@code EpochStore.clearUpdatingEpoch}), after currentEpoch is stored. */
    void clearUpdatingEpoch();

    /** Ask for {@code onTimer(key)} at {@code deadlineNanos}; setting a pending key moves it. */
    void setTimer(SessionTimer key, long deadlineNanos);

    /**
     * The session reached broadcast in {@code epoch}: the peer reports LEADING/FOLLOWING/OBSERVING
     * in that epoch and rewrites its election vote's peerEpoch (section 6.3 step 8).
     */
    void established(long epoch);

    /** The session is over; the peer goes back to LOOKING. */
    void lost(String reason);

    /** A line for the peer's log or the simulator's trace. */
    void trace(String line);
}
