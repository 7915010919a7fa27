package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The election port's accept loop (PROTOCOL.md 2.7). Binding is retried a bounded number of
 * times and then reported loudly; once bound, no accept error ends the loop (ZOOKEEPER-2836).
 * Accepted sockets are handed off at once, so a silent client never holds up the next accept.
 */
final class Listener implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    /** Back-off after an accept error such as EMFILE, so the loop cannot spin. */
    private static final long ACCEPT_ERROR_PAUSE_MILLIS = 50;

    /** Where the listener is in its life. */
    enum State { STARTING, LISTENING, FAILED, STOPPED }

    private final ConnectionManagerConfig config;
    private final Consumer<Socket> onAccepted;
    private final Consumer<ListenerBindException> onFailure;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile ServerSocket server;
    private volatile State state = State.STARTING;

    Listener(ConnectionManagerConfig config, Consumer<Socket> onAccepted, Consumer<ListenerBindException> onFailure) {
        this.config = config;
        this.onAccepted = onAccepted;
        this.onFailure = onFailure;
    }

    State state() {
        return state;
    }

    /** The bound local port, or -1 when not listening. */
    int localPort() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    @Override
    public void run() {
        PeerAddress address = config.listenAddress();
        int failures = 0;
        while (stop.getCount() > 0) {
            try {
                ServerSocket bound = bind(address);
                failures = 0;
                acceptUntilBroken(bound);
            } catch (IOException e) {
                failures++;
                LOG.warn("cannot bind the election listener to {} (attempt {}): {}", address, failures, e.toString());
                if (config.bindRetries() > 0 && failures >= config.bindRetries()) {
                    giveUp(address, failures, e);
                    return;
                }
                pause(config.bindRetryDelay().toMillis());
            } finally {
                closeServer();
            }
        }
        state = State.STOPPED;
    }

    private ServerSocket bind(PeerAddress address) throws IOException {
        ServerSocket s = config.socketFactory().newServerSocket();
        server = s;
        s.setReuseAddress(true);
        // Resolved on every attempt: the name may only become resolvable later (ZOOKEEPER-3320).
        InetSocketAddress endpoint = address.toSocketAddress();
        if (endpoint.isUnresolved()) {
            throw new IOException("cannot resolve " + address);
        }
        s.bind(endpoint);
        state = State.LISTENING;
        LOG.info("election listener bound to {}", s.getLocalSocketAddress());
        return s;
    }

    private void acceptUntilBroken(ServerSocket bound) {
        while (stop.getCount() > 0 && !bound.isClosed()) {
            try {
                onAccepted.accept(bound.accept());
            } catch (SocketTimeoutException e) {
                LOG.debug("accept timed out; still listening");
            } catch (IOException | RuntimeException e) {
                if (stop.getCount() > 0 && !bound.isClosed()) {
                    LOG.warn("accept failed on the election port; still listening: {}", e.toString());
                    pause(ACCEPT_ERROR_PAUSE_MILLIS);
                }
            }
        }
    }

    private void giveUp(PeerAddress address, int attempts, IOException cause) {
        state = State.FAILED;
        ListenerBindException failure = new ListenerBindException(address, attempts, cause);
        LOG.error(failure.getMessage());
        onFailure.accept(failure);
    }

    private void pause(long millis) {
        try {
            stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    private void closeServer() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is best effort; the port is released with the descriptor.
            }
        }
    }

    /** Stops accepting and closes the server socket; the thread then ends. */
    void stop() {
        stop.countDown();
        closeServer();
    }
}
