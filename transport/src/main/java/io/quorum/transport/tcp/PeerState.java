package io.quorum.transport.tcp;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the manager keeps per remote sid across connections: the send queue, the last payload
 * handed to a socket (resent first on every new connection, PROTOCOL.md 2.5), the current
 * connection, and whether a connect is in flight (at most one per sid, as 3.9.5).
 */
final class PeerState {
    final long sid;
    final SendQueue queue;
    final AtomicReference<byte[]> lastSent = new AtomicReference<>();
    final AtomicReference<PeerConnection> current = new AtomicReference<>();
    final AtomicBoolean connecting = new AtomicBoolean();

    PeerState(long sid, int sendCapacity) {
        this.sid = sid;
        this.queue = new SendQueue(sendCapacity);
    }

    boolean isConnected() {
        return current.get() != null;
    }
}
