package io.quorum.transport.sim;

import java.util.ArrayDeque;

/**
 * One direction of a simulated TCP connection: a FIFO of messages in flight, delivered one at a
 * time by a "pump" event so that order holds even across clogs, and the last message sent, which
 * ZooKeeper's connection manager sends again when the connection comes back.
 */
final class SimStream {
    record InFlight(byte[] payload, String hash, long dueNanos) {
    }

    final ArrayDeque<InFlight> queue = new ArrayDeque<>();
    /** The latest due time handed out, so a later send never overtakes an earlier one. */
    long lastDueNanos;
    /** Identifies the one pump event that is live; older pump events do nothing. */
    long pumpToken;
    boolean pumpPending;
    byte[] lastMessage;
    /** The hash the trace names {@link #lastMessage} by. */
    String lastHash;

    /** Drops everything in flight (the connection reset) and invalidates any pending pump. */
    int reset(long nowNanos) {
        int dropped = queue.size();
        queue.clear();
        pumpToken++;
        pumpPending = false;
        lastDueNanos = nowNanos;
        return dropped;
    }
}
