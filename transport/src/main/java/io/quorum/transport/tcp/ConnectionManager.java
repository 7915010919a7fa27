package io.quorum.transport.tcp;

import io.quorum.api.view.QuorumServer;
import io.quorum.transport.frame.LengthFramer;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.transport.support.ReusingThreadPool;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The electionAlg=3 transport, wire-compatible with ZooKeeper's QuorumCnxManager (PROTOCOL.md
 * section 2): one TCP connection per peer pair, kept by the larger sid; the 3.5+ initial message
 * out, both forms in; 512 KiB-capped length framing; a newest-only send queue per peer with the
 * last payload resent on every new connection; asynchronous, bounded connects.
 *
 * <p>Everything received lands in one bounded {@link #inbox()} that a single election loop
 * drains: payloads with their sender's sid, and link up/down changes for servers of the view.
 * All methods are thread-safe and none blocks on the network.
 */
public final class ConnectionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);
    private static final long JOIN_MILLIS = 10_000;

    private final ConnectionManagerConfig config;
    private final TransportInbox inbox;
    private final SocketRegistry sockets = new SocketRegistry();
    private final OwnedThreads threads;
    private final PeerRegistry registry;
    private final ThreadPoolExecutor connectPool;
    private final ThreadPoolExecutor handshakePool;
    private final Connector connector;
    private final Listener listener;
    private final Acceptor acceptor;
    private final AtomicReference<ListenerBindException> listenerFailure = new AtomicReference<>();
    private final Consumer<ListenerBindException> failureCallback;
    private final Object startStop = new Object();
    private boolean started;
    private boolean stopped;

    /** A manager that only records a listener failure; see {@link #listenerFailure()}. */
    public ConnectionManager(ConnectionManagerConfig config) {
        this(config, failure -> { });
    }

    /**
     * @param onListenerFailure told, once, if the listener gives up binding; the peer should
     *     then stop with the exception's message (3.9.5 exits with code 14)
     */
    public ConnectionManager(ConnectionManagerConfig config, Consumer<ListenerBindException> onListenerFailure) {
        this.config = config;
        this.failureCallback = onListenerFailure;
        this.inbox = new TransportInbox(config.receiveCapacity());
        this.threads = new OwnedThreads("quorum-cnx-" + config.mySid(), Long.toString(config.mySid()));
        this.registry = new PeerRegistry(config, inbox, sockets, threads);
        this.connectPool = pool(config.connectThreads(), Integer.MAX_VALUE, "connect");
        this.handshakePool = pool(config.handshakeThreads(), config.handshakeBacklog(), "handshake");
        this.connector = new Connector(config, registry, sockets, connectPool);
        Acceptor acceptor = new Acceptor(config, registry, sockets, connector, handshakePool);
        this.listener = new Listener(config, acceptor::accepted, this::listenerFailed);
        this.acceptor = acceptor;
    }

    private ThreadPoolExecutor pool(int size, int backlog, String kind) {
        // Idle threads go away, so connection churn leaves the thread count where it started.
        return ReusingThreadPool.create(size, backlog, config.idleThreadKeepAlive(), threads.factory(kind));
    }

    /** Starts the listener thread; binding happens there, with retries (see {@link #isListening()}). */
    public void start() {
        synchronized (startStop) {
            if (started || stopped) {
                throw new IllegalStateException(stopped ? "the manager was shut down" : "the manager is already started");
            }
            started = true;
            threads.start("listener", listener);
        }
    }

    /**
     * Queues a payload for {@code sid}, replacing any payload still waiting for it, and dials
     * the peer if not connected. A payload to our own sid goes straight to the inbox (2.5).
     *
     * @throws IllegalArgumentException if the payload is empty or larger than 512 KiB
     */
    public void toSend(long sid, byte[] payload) {
        if (!LengthFramer.isAcceptableLength(payload.length)) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes; allowed 1.." + LengthFramer.MAX_PAYLOAD);
        }
        byte[] copy = payload.clone();
        if (sid == config.mySid()) {
            inbox.offerMessage(sid, copy);
            return;
        }
        registry.state(sid).queue.offer(copy);
        connectOne(sid);
    }

    /** Dials {@code sid} unless connected or already dialling; returns at once. */
    public void connectOne(long sid) {
        connector.connectOne(sid);
    }

    /** Dials every other server of the view (participants and observers). */
    public void connectAll() {
        for (QuorumServer server : config.view().servers()) {
            if (server.id() != config.mySid()) {
                connectOne(server.id());
            }
        }
    }

    /**
     * ZooKeeper's check (2.5): true if <em>any</em> peer's send queue is empty, false if none is
     * (or nothing was ever sent). It does not mean everything was delivered.
     */
    public boolean haveDelivered() {
        for (PeerState peer : registry.all()) {
            if (peer.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** What arrived: payloads by sender sid and link changes, for one loop thread to drain. */
    public TransportInbox inbox() {
        return inbox;
    }

    /** Shorthand for {@code inbox().poll(timeout, unit)}. */
    public TransportEvent pollRecv(long timeout, TimeUnit unit) throws InterruptedException {
        return inbox.poll(timeout, unit);
    }

    /** Sids with a live connection right now. */
    public Set<Long> connectedPeers() {
        return registry.connectedSids();
    }

    public boolean isListening() {
        return listener.state() == Listener.State.LISTENING;
    }

    /** The bound election port, or -1 when not listening. */
    public int listenPort() {
        return listener.localPort();
    }

    /** Present once the listener gave up binding. */
    public Optional<ListenerBindException> listenerFailure() {
        return Optional.ofNullable(listenerFailure.get());
    }

    private void listenerFailed(ListenerBindException failure) {
        listenerFailure.set(failure);
        failureCallback.accept(failure);
    }

    /** Accepted sockets closed for a bad or missing initial message or a full backlog. */
    public long rejectedConnections() {
        return acceptor.rejectedCount();
    }

    /** Threads this manager started that are still alive (listener, workers, pools). */
    public int threadCount() {
        return threads.liveCount();
    }

    /** Client sockets (accepted or dialled) not yet closed. */
    public int openSocketCount() {
        return sockets.openCount();
    }

    public long mySid() {
        return config.mySid();
    }

    /**
     * Closes the listener and every socket, including connects in flight, and joins every
     * thread this manager started. Idempotent.
     */
    public void shutdown() {
        synchronized (startStop) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        listener.stop();
        registry.shutdown();
        connectPool.shutdownNow();
        handshakePool.shutdownNow();
        sockets.closeAll();
        try {
            if (!threads.joinAll(JOIN_MILLIS)) {
                LOG.warn("{} transport thread(s) did not end within {} ms", threads.liveCount(), JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("connection manager for sid {} shut down", config.mySid());
    }

    @Override
    public void close() {
        shutdown();
    }
}
