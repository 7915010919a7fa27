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
    /** See {@link #refusedTimeout()}. */
    private static final long NOT_LEADING_NANOS = 2_000_000_000L;

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

    /**
     * How long the elected leader's quorum port may refuse every connection before a learner
     * gives up on it, at most initTimeout: 2 s. A peer that decided to lead listens on that port at
     * once (ZooKeeper's too: its Leader binds it before loading data), and the slowest of our
     * algorithms lets a leader decide about a second after its followers. A port still refusing
     * then belongs to a peer that is not leading and will not: on a cold start a peer may decide
     * to follow a peer that, before hearing it, followed a better one that came up late. Waiting
     * out initLimit there, as ZooKeeper does, costs seconds (20 s with its default ticks); looking
     * again costs one election, which the settled peers answer at once.
     */
    public long refusedTimeout() {
        return Math.min(initTimeout(), NOT_LEADING_NANOS);
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
