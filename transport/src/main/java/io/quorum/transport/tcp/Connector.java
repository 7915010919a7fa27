package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens outgoing election connections, always on the connect executor and at most one per sid
 * at a time, each bounded by {@code connectTimeout}: a dead or black-holed peer costs one pool
 * thread for a while and delays nobody else (ZOOKEEPER-822, 3756).
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final ConnectionManagerConfig config;
    private final PeerRegistry registry;
    private final SocketRegistry sockets;
    private final Executor executor;
    private final byte[] initialMessage;

    Connector(ConnectionManagerConfig config, PeerRegistry registry, SocketRegistry sockets, Executor executor) {
        this.config = config;
        this.registry = registry;
        this.sockets = sockets;
        this.executor = executor;
        // 2.1: we always send the 3.5+ V1 form with our own election address.
        this.initialMessage = InitialMessage.v1(config.mySid(), config.electionAddress()).encode();
    }

    /** Dials the sid's configured election address unless connected or already dialling. */
    void connectOne(long sid) {
        Optional<PeerAddress> address = config.view().server(sid).flatMap(QuorumServer::electionAddress);
        if (address.isEmpty()) {
            LOG.warn("Invalid server id: {} has no election address in the view", sid);
            return;
        }
        dial(sid, address.get());
    }

    /**
     * Dials back a lower sid that connected to us (2.3): at the address it advertised when that
     * is not a wildcard (ZOOKEEPER-2164), as 3.9.5 does, else at the configured one.
     */
    void connectBack(long sid, Optional<PeerAddress> advertised) {
        Optional<PeerAddress> usable = advertised.filter(a -> !HostPort.isWildcard(a.host()));
        if (usable.isPresent()) {
            dial(sid, usable.get());
        } else {
            connectOne(sid);
        }
    }

    private void dial(long sid, PeerAddress address) {
        if (sid == config.mySid() || registry.isShutdown()) {
            return;
        }
        PeerState peer = registry.state(sid);
        while (!peer.connecting.compareAndSet(false, true)) {
            if (peer.isConnected()) {
                return;
            }
            peer.pendingRedial.set(address);
            if (peer.connecting.get()) {
                return;
            }
            // The attempt in flight ended between our two checks: try to start one ourselves.
        }
        if (peer.isConnected()) {
            peer.connecting.set(false);
            return;
        }
        try {
            executor.execute(() -> attempt(peer, address));
        } catch (RejectedExecutionException e) {
            peer.connecting.set(false);
            LOG.debug("not dialling sid {}: the manager is shutting down", sid);
        }
    }

    private void attempt(PeerState peer, PeerAddress address) {
        Socket socket = null;
        try {
            socket = sockets.track(config.socketFactory().newSocket());
            configure(socket);
            // Resolved on every attempt so a changed DNS entry is picked up (ZOOKEEPER-1506).
            InetSocketAddress endpoint = address.toSocketAddress();
            if (endpoint.isUnresolved()) {
                throw new IOException("cannot resolve " + address);
            }
            config.socketFactory().connect(socket, endpoint, (int) config.connectTimeout().toMillis());
            config.socketFactory().secure(socket, config.handshakeTimeout());
            OutputStream out = socket.getOutputStream();
            out.write(initialMessage);
            out.flush();
            socket = keepOrHandOver(peer.sid, socket);
        } catch (IOException | RuntimeException e) {
            if (peer.dialFailureLogged.compareAndSet(false, true)) {
                LOG.info("cannot connect to sid {} at {}: {} (until a connection with it is up, further"
                        + " failures are logged at DEBUG)", peer.sid, address, e.toString());
            } else {
                LOG.debug("cannot connect to sid {} at {}: {}", peer.sid, address, e.toString());
            }
            registry.reportUnreachable(peer.sid);
        } finally {
            sockets.close(socket);
            peer.connecting.set(false);
            redialIfAsked(peer);
        }
    }

    private void redialIfAsked(PeerState peer) {
        PeerAddress again = peer.pendingRedial.getAndSet(null);
        if (again != null && !peer.isConnected()) {
            dial(peer.sid, again);
        } else {
            registry.forgetIfStranger(peer);
        }
    }

    /**
     * 2.3: toward a larger sid we only announce ourselves and hang up; it dials back. Returns the
     * socket if it must still be closed, null if a connection now owns it.
     */
    private Socket keepOrHandOver(long sid, Socket socket) throws IOException {
        if (sid > config.mySid()) {
            LOG.debug("sid {} is larger; closing so that it connects to us", sid);
            return socket;
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        registry.adoptDialed(sid, socket, in);
        return null;
    }

    private void configure(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(config.tcpKeepAlive());
        socket.setSoTimeout((int) config.handshakeTimeout().toMillis());
    }
}
