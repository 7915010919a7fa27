package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
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
    /**
     * A dial asked for while another was in flight. The running attempt may end up with no
     * connection (the peer dropped it, 2.3), so it dials again rather than lose the request.
     */
    final AtomicReference<PeerAddress> pendingRedial = new AtomicReference<>();
    /**
     * A failed dial was logged at INFO since the last connection: the core redials a dead voter
     * with every vote it sends, and one line says as much as a dozen (each a cost in a failover).
     */
    final AtomicBoolean dialFailureLogged = new AtomicBoolean();
    /**
     * The accept order of the newest accepted connection ever adopted for this sid; older ones
     * are stale (see {@link PeerRegistry#adoptAccepted}). Guarded by the registry's monitor.
     */
    long newestAcceptOrder;

    PeerState(long sid, int sendCapacity) {
        this.sid = sid;
        this.queue = new SendQueue(sendCapacity);
    }

    boolean isConnected() {
        return current.get() != null;
    }
}
