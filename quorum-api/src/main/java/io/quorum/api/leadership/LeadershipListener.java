package io.quorum.api.leadership;

/**
 * What an application that embeds a peer hears about leadership. The epoch is a fencing token:
 * it grows with every established leader, so work stamped with an older epoch can be refused.
 * Calls come from the peer's own thread, one at a time, in the order the peer changes role.
 */
public interface LeadershipListener {

    /** This peer leads the ensemble in {@code epoch}. */
    default void leading(long epoch) {
    }

    /** This peer follows (or observes) {@code leaderId}, established in {@code epoch}. */
    default void following(long leaderId, long epoch) {
    }

    /** This peer has no leader and is electing one. */
    default void looking() {
    }
}
