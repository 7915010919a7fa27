package io.quorum.peer.ops;

import io.quorum.api.view.PeerAddress;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.transport.support.PortRange;
import io.quorum.transport.support.ReusingThreadPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves ZooKeeper's four-letter words on the client port: one accept thread and a small fixed
 * pool of handlers, each reading four bytes, answering through {@link FourLetterWords} and closing.
 * When every handler is busy a new connection is closed at once instead of queued, so a flood of
 * slow clients costs a bounded number of threads and sockets. Threads carry the peer id in the
 * MDC key {@code peer}; {@link #close()} joins every one of them.
 */
public final class ClientPortServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientPortServer.class);
    private static final long JOIN_MILLIS = 5_000;
    /** How long a handler waits for another connection before its thread ends. */
    private static final Duration HANDLER_KEEP_ALIVE = Duration.ofSeconds(10);

    private final PeerAddress bindAddress;
    private final FourLetterWords words;
    private final PeerStatusSource statusSource;
    private final ClientPortSettings settings;
    private final LongSupplier nanoTicker;
    private final OwnedThreads threads;
    private final ThreadPoolExecutor handlers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Answerer answerer = new Answerer();
    private volatile ServerSocket serverSocket;

    /**
     * @param myId the peer id, for thread names and the MDC
     * @param bindAddress where to listen; port 0 lets the OS choose (see {@link #localPort()})
     * @param words the formats
     * @param statusSource the peer's latest status, read once per word
     * @param settings timeouts and limits
     * @param nanoTicker monotonic nanoseconds, {@code SystemTicker.INSTANCE} in production
     */
    public ClientPortServer(long myId, PeerAddress bindAddress, FourLetterWords words, PeerStatusSource statusSource,
            ClientPortSettings settings, LongSupplier nanoTicker) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress is null");
        this.words = Objects.requireNonNull(words, "words is null");
        this.statusSource = Objects.requireNonNull(statusSource, "statusSource is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker is null");
        this.threads = new OwnedThreads("quorum-client-" + myId, Long.toString(myId));
        // No backlog: a connection either gets a handler now or is closed now.
        this.handlers = ReusingThreadPool.create(settings.maxConnections(), 0, HANDLER_KEEP_ALIVE,
                threads.factory("4lw"));
    }

    /**
     * Binds the client port and starts accepting.
     *
     * @throws IOException if the address cannot be bound (in use, not local)
     * @throws IllegalStateException if already started or closed
     */
    public void start() throws IOException {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("client port server was already started or closed");
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(bindAddress.host(), bindAddress.port()), settings.backlog());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw new IOException("cannot bind the client port to " + bindAddress + ": " + e.getMessage()
                    + PortRange.bindHint(bindAddress.port(), e), e);
        }
        serverSocket = socket;
        LOG.info("serving four-letter words on {}", socket.getLocalSocketAddress());
        threads.start("accept", () -> acceptLoop(socket));
    }

    /** The port actually bound, e.g. the one the OS chose for port 0. */
    public int localPort() {
        ServerSocket socket = serverSocket;
        if (socket == null) {
            throw new IllegalStateException("client port server is not started");
        }
        return socket.getLocalPort();
    }

    /** Threads this server started that have not ended yet; 0 after {@link #close()}. */
    public int liveThreads() {
        return threads.liveCount();
    }

    /** Connections accepted and not yet closed, for tests that wait for handlers to be busy. */
    int openConnections() {
        return open.size();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed.get()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    // Accept can fail for one connection (ZOOKEEPER-2836); the port stays open.
                    LOG.warn("accept failed on the client port; still listening: {}", e.toString());
                }
                continue;
            }
            dispatch(client);
        }
    }

    private void dispatch(Socket client) {
        open.add(client);
        if (closed.get()) {
            drop(client);
            return;
        }
        try {
            handlers.execute(() -> serve(client));
        } catch (RejectedExecutionException e) {
            LOG.warn("all {} client port handlers are busy; closing {}", settings.maxConnections(),
                    client.getRemoteSocketAddress());
            drop(client);
        }
    }

    private void serve(Socket client) {
        try {
            new WordConnection(client, settings, nanoTicker, answerer).serve();
        } finally {
            drop(client);
        }
    }

    private void drop(Socket client) {
        open.remove(client);
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing client connection: {}", e.toString());
        }
    }

    /** Answers with the status as it is now and counts words the way ZooKeeper counts packets. */
    private final class Answerer implements WordConnection.Answerer {
        @Override
        public Optional<String> answer(String word, Socket socket) {
            ClientPortStats stats = new ClientPortStats(localPort(), String.valueOf(socket.getRemoteSocketAddress()),
                    open.size(), settings.maxConnections(), received.incrementAndGet(), sent.get());
            return words.answer(word, statusSource.current(), stats);
        }

        @Override
        public void answered() {
            sent.incrementAndGet();
        }
    }

    /**
     * Stops accepting, closes every open connection and joins every thread this server started.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ServerSocket socket = serverSocket;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the client port: {}", e.toString());
            }
        }
        handlers.shutdownNow();
        // Blocking socket reads ignore interrupts; closing the sockets is what wakes the handlers.
        List.copyOf(open).forEach(this::drop);
        joinThreads();
    }

    private void joinThreads() {
        try {
            if (!handlers.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS) || !threads.joinAll(JOIN_MILLIS)) {
                LOG.warn("{} client port thread(s) still running after close", threads.liveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while joining client port threads; {} still running", threads.liveCount());
        }
    }
}
