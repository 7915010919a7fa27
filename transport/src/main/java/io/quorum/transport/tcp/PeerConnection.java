package io.quorum.transport.tcp;

import io.quorum.transport.frame.LengthFramer;
import io.quorum.transport.support.OwnedThreads;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live election connection after its initial message: a reader thread that turns frames
 * into inbox messages and a writer thread that serves the peer's send queue. Either one failing
 * closes both (ZOOKEEPER-880: no orphaned worker survives its partner).
 */
final class PeerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    /** The sender's poll interval in ZooKeeper; here only how often a writer re-checks closing. */
    private static final long SEND_POLL_MILLIS = 1000;

    private final PeerState peer;
    private final Socket socket;
    private final DataInputStream in;
    private final TransportInbox inbox;
    private final SocketRegistry sockets;
    private final Consumer<PeerConnection> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread writer;

    PeerConnection(PeerState peer, Socket socket, DataInputStream in, TransportInbox inbox,
            SocketRegistry sockets, Consumer<PeerConnection> onClosed) {
        this.peer = peer;
        this.socket = socket;
        this.in = in;
        this.inbox = inbox;
        this.sockets = sockets;
        this.onClosed = onClosed;
    }

    long sid() {
        return peer.sid;
    }

    void start(OwnedThreads threads) {
        writer = threads.start("send-" + peer.sid, this::writeLoop);
        threads.start("recv-" + peer.sid, this::readLoop);
        if (closed.get()) {
            writer.interrupt();
        }
    }

    /** Closes the socket and stops both threads; idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sockets.close(socket);
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
        onClosed.accept(this);
    }

    int remotePort() {
        return socket.getPort();
    }

    boolean isClosed() {
        return closed.get();
    }

    private void readLoop() {
        try {
            while (!closed.get()) {
                inbox.offerMessage(peer.sid, LengthFramer.read(in));
            }
        } catch (IOException e) {
            logEnd("reading from", e);
        } catch (RuntimeException e) {
            LOG.warn("reader for sid {} failed", peer.sid, e);
        } finally {
            close();
        }
    }

    private void writeLoop() {
        byte[] pending = null;
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            pending = resendLastIfIdle(out);
            while (!closed.get()) {
                pending = peer.queue.poll(SEND_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (pending != null && !closed.get()) {
                    peer.lastSent.set(pending);
                    LengthFramer.write(out, pending);
                    pending = null;
                }
            }
        } catch (IOException e) {
            logEnd("writing to", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (pending != null) {
                peer.queue.returnUnsent(pending);
            }
            close();
        }
    }

    /**
     * 2.5: a new sender first repeats the last payload, but only when nothing newer waits, so a
     * peer that missed it because the old connection died still gets our latest word.
     */
    private byte[] resendLastIfIdle(OutputStream out) throws IOException {
        byte[] last = peer.lastSent.get();
        if (last != null && peer.queue.isEmpty()) {
            LengthFramer.write(out, last);
        }
        return null;
    }

    private void logEnd(String what, IOException e) {
        if (closed.get()) {
            LOG.debug("connection with sid {} closed while {} it", peer.sid, what);
        } else if (e instanceof EOFException) {
            // The other side closed: the usual end, which the registry's "link is down" line reports.
            LOG.debug("connection with sid {} ended while {} it: {}", peer.sid, what, e.toString());
        } else {
            LOG.info("connection with sid {} ended while {} it: {}", peer.sid, what, e.toString());
        }
    }
}
