package io.quorum.transport.tcp;

import io.quorum.transport.support.OwnedThreads;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-sid state and the live connections, with the one rule that changes them: a newly
 * adopted socket replaces the sid's current connection (PROTOCOL.md 2.3). Only the small
 * {@code lifecycle} monitor is ever taken, and never across I/O (ZOOKEEPER-3756, 2080).
 */
final class PeerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRegistry.class);
    /** The accept order given to sockets we dialled: they are never checked for staleness. */
    private static final long NOT_ACCEPTED = 0;

    private final ConnectionManagerConfig config;
    private final TransportInbox inbox;
    private final SocketRegistry sockets;
    private final OwnedThreads threads;
    private final ConcurrentMap<Long, PeerState> peers = new ConcurrentHashMap<>();
    private final Set<PeerConnection> live = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private boolean shutdown;

    PeerRegistry(ConnectionManagerConfig config, TransportInbox inbox, SocketRegistry sockets, OwnedThreads threads) {
        this.config = config;
        this.inbox = inbox;
        this.sockets = sockets;
        this.threads = threads;
    }

    PeerState state(long sid) {
        return peers.computeIfAbsent(sid, id -> new PeerState(id, config.sendCapacity()));
    }

    Optional<PeerState> existing(long sid) {
        return Optional.ofNullable(peers.get(sid));
    }

    Iterable<PeerState> all() {
        return peers.values();
    }

    /**
     * Makes a socket we dialled the sid's connection, replacing (and closing) any previous one.
     * At most one dial per sid is in flight, so dialled sockets arrive here in the order they
     * were opened. Returns false, having closed the socket, if the manager is shutting down.
     */
    boolean adoptDialed(long sid, Socket socket, DataInputStream in) throws IOException {
        return adopt(sid, socket, in, NOT_ACCEPTED);
    }

    /**
     * Makes an accepted socket the sid's connection, replacing (and closing) any previous one,
     * unless a connection the listener accepted <em>later</em> was already adopted for the sid;
     * then this one is stale and is closed instead (returns false, as on shutdown).
     *
     * <p>Why: 2.3 says the newest connection from a larger sid replaces the old one, and the
     * larger sid itself already dropped the old one when it opened the new one. "Newest" must
     * be the accept order, not the order in which the handshake threads happen to finish. When
     * both peers dial at once, the larger sid drops its first connection on seeing ours and
     * dials back; under CPU load our handshake thread for that first, already dead connection
     * could finish after the one for the dial-back, so we replaced the live connection with the
     * dead one, the larger sid saw its live one closed, and both ended up with no connection
     * and undelivered payloads (HostileInputTest's good exchange timing out).
     *
     * @param acceptOrder the listener's accept sequence number of the socket, from 1
     */
    boolean adoptAccepted(long sid, Socket socket, DataInputStream in, long acceptOrder) throws IOException {
        return adopt(sid, socket, in, acceptOrder);
    }

    private boolean adopt(long sid, Socket socket, DataInputStream in, long acceptOrder) throws IOException {
        socket.setSoTimeout(0);
        PeerState peer = state(sid);
        PeerConnection connection = new PeerConnection(peer, socket, in, inbox, sockets, this::closed);
        PeerConnection previous;
        synchronized (lifecycle) {
            if (shutdown) {
                sockets.close(socket);
                return false;
            }
            if (acceptOrder != NOT_ACCEPTED) {
                if (acceptOrder < peer.newestAcceptOrder) {
                    LOG.debug("sid {}: connection from port {} was superseded by a later one; closing it",
                            sid, socket.getPort());
                    sockets.close(socket);
                    return false;
                }
                peer.newestAcceptOrder = acceptOrder;
            }
            live.add(connection);
            previous = peer.current.getAndSet(connection);
            peer.dialFailureLogged.set(false);
            if (previous == null) {
                announce(sid, true);
            }
        }
        if (previous != null) {
            LOG.info("replacing the connection with sid {} (port {}) by the one with port {}", sid,
                    previous.remotePort(), socket.getPort());
            previous.close();
        }
        connection.start(threads);
        return true;
    }

    /** Closes the sid's current connection, if any (ZOOKEEPER-453: a restarted peer's old one). */
    void dropConnection(long sid) {
        existing(sid).map(p -> p.current.get()).ifPresent(PeerConnection::close);
    }

    private void closed(PeerConnection connection) {
        live.remove(connection);
        PeerState peer = peers.get(connection.sid());
        boolean wasCurrent;
        synchronized (lifecycle) {
            // Under the monitor so that "up" and "down" reach the inbox in the order they happened.
            wasCurrent = peer != null && peer.current.compareAndSet(connection, null);
            if (wasCurrent) {
                announce(connection.sid(), false);
            }
        }
        if (wasCurrent) {
            forgetIfStranger(peer);
        }
    }

    /** Sids outside the view leave no state behind, so garbage sids cannot grow the map. */
    void forgetIfStranger(PeerState peer) {
        if (!config.view().contains(peer.sid) && !peer.isConnected() && !peer.connecting.get()) {
            peers.remove(peer.sid, peer);
        }
    }

    /**
     * Link changes are only reported for servers of the view: the core knows no others. Called
     * under {@code lifecycle}; offering to the inbox takes only its own short lock.
     */
    private void announce(long sid, boolean up) {
        if (config.view().contains(sid)) {
            LOG.info("link to sid {} is {}", sid, up ? "up" : "down");
            inbox.offerLink(sid, up);
        }
    }

    /**
     * Dialling {@code sid} failed. Reported for servers of the view whose link is not up, so the
     * core may stop waiting for a voter that is gone instead of giving its link a grace period.
     */
    void reportUnreachable(long sid) {
        // Under the monitor: a connection's end clears it and announces "down" in one step there,
        // so a dial that failed in between cannot report the sid unreachable before its link went
        // down (the core would ignore it, and wait out the link's grace instead).
        synchronized (lifecycle) {
            PeerState peer = peers.get(sid);
            if (config.view().contains(sid) && (peer == null || !peer.isConnected())) {
                LOG.debug("sid {} is unreachable", sid);
                inbox.offerUnreachable(sid);
            }
        }
    }

    Set<Long> connectedSids() {
        Set<Long> sids = new TreeSet<>();
        peers.values().stream().filter(PeerState::isConnected).forEach(p -> sids.add(p.sid));
        return sids;
    }

    boolean isShutdown() {
        synchronized (lifecycle) {
            return shutdown;
        }
    }

    /** Refuses new connections and closes every live one. */
    void shutdown() {
        synchronized (lifecycle) {
            shutdown = true;
        }
        for (PeerConnection connection : List.copyOf(live)) {
            connection.close();
        }
    }
}
