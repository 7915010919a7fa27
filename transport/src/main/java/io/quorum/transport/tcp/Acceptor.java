package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the initial message of each accepted socket on the handshake executor, with a read
 * timeout so a client that sends nothing is closed in bounded time, then applies the sid
 * tie-break (PROTOCOL.md 2.2, 2.3). No input makes an exception escape.
 */
final class Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

    private final ConnectionManagerConfig config;
    private final PeerRegistry registry;
    private final SocketRegistry sockets;
    private final Connector connector;
    private final Executor executor;
    private final MemberAddresses members;
    /** 2.2: anonymous observers get ids -1, -2, ... one per connection. */
    private final AtomicLong anonymousIds = new AtomicLong(-1);
    private final AtomicLong rejected = new AtomicLong();
    /**
     * Numbers accepted sockets in the order the listener accepted them. Only the listener thread
     * calls {@link #accepted}, so the numbers follow the order the peer opened its connections.
     */
    private final AtomicLong acceptOrder = new AtomicLong();

    Acceptor(ConnectionManagerConfig config, PeerRegistry registry, SocketRegistry sockets, Connector connector,
            Executor executor) {
        this.config = config;
        this.registry = registry;
        this.sockets = sockets;
        this.connector = connector;
        this.executor = executor;
        this.members = new MemberAddresses(config.view());
    }

    /** Called by the listener thread; never blocks on the socket. */
    void accepted(Socket socket) {
        sockets.track(socket);
        long order = acceptOrder.incrementAndGet();
        try {
            executor.execute(() -> handshake(socket, order));
        } catch (RejectedExecutionException e) {
            if (registry.isShutdown()) {
                LOG.debug("shutting down; closing {}", socket.getRemoteSocketAddress());
            } else {
                rejected.incrementAndGet();
                LOG.warn("too many election connections waiting for their initial message; closing {}",
                        socket.getRemoteSocketAddress());
            }
            sockets.close(socket);
        }
    }

    /** Sockets closed because of a bad or missing initial message or a full handshake backlog. */
    long rejectedCount() {
        return rejected.get();
    }

    private void handshake(Socket socket, long order) {
        boolean adopted = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(config.tcpKeepAlive());
            socket.setSoTimeout((int) config.handshakeTimeout().toMillis());
            // Here on a handshake thread, not the listener's: a client that stalls its TLS
            // handshake holds one pool thread for handshakeTimeout at most (ZOOKEEPER-3296).
            config.socketFactory().secure(socket, config.handshakeTimeout());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            adopted = decide(InitialMessageDecoder.read(in), socket, in, order);
        } catch (IOException | RuntimeException e) {
            rejected.incrementAndGet();
            LOG.info("closing election connection from {}: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            if (!adopted) {
                sockets.close(socket);
            }
        }
    }

    private boolean decide(InitialMessage message, Socket socket, DataInputStream in, long order) throws IOException {
        long sid = message.sid() == InitialMessage.ANONYMOUS_OBSERVER_SID ? anonymousIds.getAndDecrement() : message.sid();
        if (sid == config.mySid()) {
            // ZOOKEEPER-2164: never talk to ourselves. 3.9.5 leaves this socket open; we close it.
            LOG.warn("connection from {} claims our own sid {}; closing it", socket.getRemoteSocketAddress(), sid);
            return false;
        }
        Optional<String> refusal = members.refusal(sid, socket.getInetAddress());
        if (refusal.isPresent()) {
            rejected.incrementAndGet();
            LOG.warn("connection from {} claims sid {} but {}; closing it", socket.getRemoteSocketAddress(), sid,
                    refusal.get());
            return false;
        }
        if (sid < config.mySid()) {
            // 2.3: the smaller sid may not keep a connection. Its old one is stale (ZOOKEEPER-453).
            LOG.debug("sid {} is smaller than ours; dialling it back", sid);
            registry.dropConnection(sid);
            sockets.close(socket);
            dialBack(sid, message);
            return false;
        }
        // 2.8: a larger sid is kept even when it is not in the view. The accept order, not the
        // order in which handshake threads finish, decides which of its connections is newest.
        return registry.adoptAccepted(sid, socket, in, order);
    }

    /**
     * A member is dialled back at its configured address, never at the one it advertised: what a
     * connection advertises is not checked, and we would otherwise read votes for that member
     * from wherever the advertisement pointed. Servers outside the view are dialled where they
     * say (3.9.5's behaviour; their votes do not count).
     */
    private void dialBack(long sid, InitialMessage message) {
        if (config.view().contains(sid)) {
            connector.connectOne(sid);
            return;
        }
        Optional<PeerAddress> advertised = message.addresses().stream().filter(a -> !HostPort.isWildcard(a.host())).findFirst();
        if (advertised.isEmpty()) {
            LOG.warn("Invalid server id: {} is not in the view and advertised no address", sid);
            return;
        }
        connector.connectBack(sid, advertised);
    }
}
