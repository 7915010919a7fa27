package io.quorum.peer.runtime;

import io.quorum.peer.ops.ClientPortServer;
import io.quorum.peer.ops.JmxRegistration;
import io.quorum.peer.ops.PeerStatusSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole running peer, as ZooKeeper's {@code QuorumPeer.start()} assembles it: the recovered
 * history, the client port with its four-letter words, the state loop and the JMX beans. Starts
 * them in that order and stops them in reverse.
 */
public final class PeerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerServer.class);

    private final long myId;
    private final QuorumPeer peer;
    private final Optional<ClientPortServer> clientPort;
    private final PeerStatusSource status;
    private final Closeable storage;
    private JmxRegistration jmx;
    private boolean started;
    private boolean closed;

    /**
     * @param storage closed last: the transaction log the history writes to
     */
    public PeerServer(long myId, QuorumPeer peer, Optional<ClientPortServer> clientPort, PeerStatusSource status,
            Closeable storage) {
        this.myId = myId;
        this.peer = peer;
        this.clientPort = clientPort;
        this.status = status;
        this.storage = storage;
    }

    public QuorumPeer peer() {
        return peer;
    }

    /** The client port actually bound (useful with port 0), if one is configured. */
    public Optional<Integer> clientPort() {
        return clientPort.map(ClientPortServer::localPort);
    }

    /**
     * Opens the client port, starts the election and registers the beans.
     *
     * @throws IOException if the client port cannot be bound; nothing is left running then
     */
    public synchronized void start() throws IOException {
        if (started || closed) {
            throw new IllegalStateException("peer " + myId + " was already started");
        }
        started = true;
        try {
            if (clientPort.isPresent()) {
                clientPort.get().start();
            }
            peer.start();
            // After the election has started, as ZooKeeper registers its beans from the peer's
            // thread: the platform MBean server costs a starting JVM tens of milliseconds, which
            // would otherwise delay the first round.
            jmx = JmxRegistration.register(myId, status);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Blocks until the peer has stopped, by {@link #close()} or by itself. */
    public void awaitTermination() throws InterruptedException {
        peer.awaitTermination();
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        peer.close();
        if (jmx != null) {
            jmx.close();
        }
        clientPort.ifPresent(ClientPortServer::close);
        try {
            storage.close();
        } catch (IOException e) {
            LOG.warn("peer {}: closing the transaction log failed: {}", myId, e.toString());
        }
    }
}
