package io.quorum.peer.session;

/**
 * The timers a session core sets. Setting a key that is pending moves its deadline (the same
 * contract as the election {@code Outbox}); the cores check the time themselves when one fires, so
 * a late or spurious firing is harmless.
 */
public enum SessionTimer {
    /** Learner: nothing heard from the leader for initLimit (syncing) or syncLimit (established) ticks. */
    READ_TIMEOUT,
    /** Leader: the FOLLOWERINFO, ACKEPOCH and NEWLEADER-ACK quorums must gather within initLimit ticks. */
    HANDSHAKE,
    /** Leader: every tickTime/2, ping each learner and drop the silent ones. */
    PING
}
