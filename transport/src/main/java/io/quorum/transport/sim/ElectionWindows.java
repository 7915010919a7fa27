package io.quorum.transport.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Cuts a run into {@link ElectionWindow elections} and counts what each one sent. The driver
 * reports every round a peer opens, before the core's first send of that round; the simulation
 * reports the end of every event. Both ends are marked in the trace ("election N begins", "election
 * N ends"), so the count can be checked against the send lines between the two.
 */
final class ElectionWindows {
    private final SimClock clock;
    private final Trace trace;
    private final LongSupplier sent;
    private final List<ElectionWindow> ended = new ArrayList<>();
    private boolean open;
    private long openedAt;
    private long sentAtOpen;
    /** The last election that ended, still waiting for its tail; null if none or already sealed. */
    private ElectionWindow unsealed;
    private long sentAtClose;

    /**
     * @param sent how many messages the cores have sent so far in the run
     */
    ElectionWindows(SimClock clock, Trace trace, LongSupplier sent) {
        this.clock = clock;
        this.trace = trace;
        this.sent = sent;
    }

    /** A peer opened a round; if no election is open, one begins now. */
    void roundOpened() {
        if (open) {
            return;
        }
        seal();
        open = true;
        openedAt = clock.now();
        sentAtOpen = sent.getAsLong();
        trace.add(openedAt, "election " + (ended.size() + 1) + " begins");
    }

    /**
     * An event has run. If an election is open and every up peer has decided, it ends now;
     * returns its number then, or 0.
     */
    int afterEvent(SimState state) {
        if (!open || !everyUpPeerDecided(state.nodes())) {
            return 0;
        }
        open = false;
        sentAtClose = sent.getAsLong();
        unsealed = new ElectionWindow(ended.size() + 1, openedAt, clock.now(), sentAtClose - sentAtOpen, 0,
                ElectionInvariants.agreedLeader(state).orElse(-1));
        trace.add(clock.now(), "election " + unsealed.number() + " ends: sent=" + unsealed.messagesSent()
                + " leader=" + unsealed.leader());
        ended.add(unsealed);
        return unsealed.number();
    }

    private static boolean everyUpPeerDecided(List<NodeView> nodes) {
        for (NodeView node : nodes) {
            if (node.isUp() && (node.isLooking() || node.decision() == null)) {
                return false;
            }
        }
        return true;
    }

    /** Gives the last ended election the messages sent since it ended. */
    private void seal() {
        if (unsealed != null) {
            ElectionWindow w = unsealed;
            ended.set(ended.size() - 1, new ElectionWindow(w.number(), w.openedAtNanos(), w.closedAtNanos(),
                    w.messagesSent(), sent.getAsLong() - sentAtClose, w.leader()));
            unsealed = null;
        }
    }

    /** The elections that ended, each with its tail up to now; one still open is left out. */
    List<ElectionWindow> ended() {
        seal();
        return List.copyOf(ended);
    }
}
