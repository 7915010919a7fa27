package io.quorum.transport.sim;

import java.util.ArrayDeque;

/**
 * One simulated session connection (a TCP connection to a quorum port): the opener's end, the
 * acceptor's end, and one ordered queue per direction. The handshake and the close travel in the
 * same queues as the data, so an end hears "connected" before the first byte and "closed" after
 * the last one, as TCP's SYN-ACK and FIN do.
 */
final class SimConnection {
    enum Kind { SYN, SYN_ACK, DATA, FIN }

    record Item(Kind kind, byte[] bytes, String hash, long dueNanos) {
    }

    /** One direction: a FIFO delivered one item at a time by a pump event, as {@link SimStream}. */
    static final class Direction {
        final int from;
        final int to;
        final ArrayDeque<Item> queue = new ArrayDeque<>();
        long lastDueNanos;
        long pumpToken;
        boolean pumpPending;

        Direction(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    final long id;
    final int opener;
    final int acceptor;
    final Direction forward;
    final Direction backward;
    final int openerIncarnation;
    int acceptorIncarnation;
    /** Whether each end may still send and hear: cleared when it closes, hears a FIN, or the connection breaks. */
    boolean openerOpen = true;
    boolean acceptorOpen;
    /** Whether the acceptor has answered the SYN (accepted or refused). */
    boolean answered;
    /** Broken by a partition, reset or crash: nothing more is carried. */
    boolean broken;

    SimConnection(long id, int opener, int acceptor, int openerIncarnation) {
        this.id = id;
        this.opener = opener;
        this.acceptor = acceptor;
        this.openerIncarnation = openerIncarnation;
        this.forward = new Direction(opener, acceptor);
        this.backward = new Direction(acceptor, opener);
    }

    /** The direction that carries what {@code index} writes. */
    Direction outbound(int index) {
        return index == opener ? forward : backward;
    }

    boolean isOpen(int index) {
        return index == opener ? openerOpen : acceptorOpen;
    }

    void shut(int index) {
        if (index == opener) {
            openerOpen = false;
        } else {
            acceptorOpen = false;
        }
    }

    int other(int index) {
        return index == opener ? acceptor : opener;
    }

    boolean isBetween(int a, int b) {
        return opener == a && acceptor == b || opener == b && acceptor == a;
    }

    /** The incarnation of the peer at {@code index} this connection belongs to. */
    int incarnationAt(int index) {
        return index == opener ? openerIncarnation : acceptorIncarnation;
    }

    /** Neither end can hear anything any more, and no SYN is on its way to open the acceptor's end. */
    boolean isFinished() {
        return !openerOpen && !acceptorOpen && answered;
    }

    @Override
    public String toString() {
        return "q#" + id;
    }
}
