package io.quorum.peer.session;

/**
 * The zoo.cfg timing keys the sessions use (PROTOCOL.md sections 6.3 and 7.2), in the driver's
 * nanoseconds.
 *
 * @param tickNanos {@code tickTime}
 * @param initLimit ticks a learner may take to connect and sync
 * @param syncLimit ticks an established learner or leader may stay silent
 */
public record SessionTimings(long tickNanos, int initLimit, int syncLimit) {

    public SessionTimings {
        if (tickNanos <= 0 || initLimit <= 0 || syncLimit <= 0) {
            throw new IllegalArgumentException("tick, initLimit and syncLimit must be positive: " + tickNanos
                    + ", " + initLimit + ", " + syncLimit);
        }
    }

    /** From zoo.cfg's milliseconds. */
    public static SessionTimings ofMillis(long tickTimeMillis, int initLimit, int syncLimit) {
        return new SessionTimings(tickTimeMillis * 1_000_000L, initLimit, syncLimit);
    }

    /** {@code initLimit * tickTime}: the whole handshake, and a syncing learner's read timeout. */
    public long initTimeout() {
        return tickNanos * initLimit;
    }

    /** {@code syncLimit * tickTime}: an established learner's read timeout, the leader's ping deadline. */
    public long syncTimeout() {
        return tickNanos * syncLimit;
    }

    /** {@code tickTime / 2}: how often the leader pings (section 6.3 step 9). */
    public long pingInterval() {
        return Math.max(1, tickNanos / 2);
    }
}
