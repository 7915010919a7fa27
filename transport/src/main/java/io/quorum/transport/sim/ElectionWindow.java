package io.quorum.transport.sim;

/**
 * One election of a run as the simulator saw it, and the messages it cost. It begins when a peer
 * opens a round while no election is open, before that round's first message, and ends after the
 * event in which every peer still up has decided (that event's own sends included, such as a
 * decision's announcement).
 *
 * @param number 1 for the run's first election, then 2, ...
 * @param openedAtNanos virtual time it began
 * @param closedAtNanos virtual time every up peer had decided
 * @param messagesSent messages every core sent while it was open, to any peer, up or down
 * @param messagesAfter messages sent after it ended and before the next one began (or the run
 *     ended): answers to notifications still in flight when the last peer decided
 * @param leader the leader every up voter agreed on when it ended, or -1 if they did not agree
 */
public record ElectionWindow(int number, long openedAtNanos, long closedAtNanos, long messagesSent,
        long messagesAfter, long leader) {

    /** How long it took, in virtual nanoseconds. */
    public long durationNanos() {
        return closedAtNanos - openedAtNanos;
    }

    /** One line for reports. */
    public String describe() {
        return "election " + number + " " + SimClock.format(openedAtNanos) + "-" + SimClock.format(closedAtNanos)
                + " sent=" + messagesSent + " after=" + messagesAfter + " leader=" + leader;
    }
}
