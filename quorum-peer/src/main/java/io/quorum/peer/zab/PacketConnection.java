package io.quorum.peer.zab;

import io.quorum.transport.support.OwnedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One quorum-port TCP connection with a reader and a writer thread. The reader hands every chunk
 * it reads to the session (which decodes on its own thread); the writer drains a bounded queue, so
 * a peer that stops reading can never block the session thread: when its queue is full the
 * connection is closed instead.
 */
final class PacketConnection {
    /** Small reads keep what one connection can queue in the session's inbox small (-Xmx64m). */
    private static final int READ_CHUNK = 8 * 1024;
    private static final int WRITE_QUEUE = 1_024;
    private static final byte[] CLOSE = new byte[0];

    /** What the reader thread reports; both calls come from that thread. */
    interface Listener {
        /** Bytes arrived; returns false to stop reading (the session is over). */
        boolean onBytes(byte[] chunk) throws InterruptedException;

        /** The connection is closed; called once, after the last {@link #onBytes}. */
        void onClosed(String reason) throws InterruptedException;
    }

    private final Socket socket;
    private final String name;
    private final Handshake handshake;
    private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(WRITE_QUEUE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String closeReason;

    /** What must happen on the socket before bytes flow: the TLS handshake of an accepted socket. */
    interface Handshake {
        void run(Socket socket) throws IOException;
    }

    /** A connection whose socket is ready for bytes (dialled and, with TLS, already shaken hands). */
    PacketConnection(Socket socket, String name) {
        this(socket, name, ready -> { });
    }

    /**
     * A connection that first runs {@code handshake} on its reader thread, so that a client
     * stalling its TLS handshake never holds up the leader's accept loop (ZOOKEEPER-3296).
     */
    PacketConnection(Socket socket, String name, Handshake handshake) {
        this.socket = socket;
        this.name = name;
        this.handshake = handshake;
    }

    /** Starts the reader and writer threads. */
    void start(OwnedThreads threads, Listener listener) {
        threads.start(name + "-reader", () -> read(listener));
        threads.start(name + "-writer", this::write);
    }

    /** Queues bytes for the writer; a full queue means the peer stopped reading, which closes it. */
    void send(byte[] bytes) {
        if (closed.get()) {
            return;
        }
        if (!outgoing.offer(bytes)) {
            close("the peer does not read: " + WRITE_QUEUE + " writes queued");
        }
    }

    /** Closes the socket, which ends both threads; idempotent. */
    void close(String reason) {
        if (closed.compareAndSet(false, true)) {
            closeReason = reason;
            outgoing.clear();
            outgoing.offer(CLOSE);
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is best effort; the threads end on the closed socket either way.
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** The peer's IP address (null if the socket never connected). */
    InetAddress remoteAddress() {
        return socket.getInetAddress();
    }

    String remote() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    private void read(Listener listener) {
        String reason = "connection closed by the peer";
        try {
            handshake.run(socket);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[READ_CHUNK];
            while (true) {
                int n = in.read(buffer);
                if (n < 0 || !listener.onBytes(Arrays.copyOf(buffer, n))) {
                    break;
                }
            }
        } catch (IOException e) {
            reason = closed.get() ? closeReason : "read failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(reason);
        try {
            listener.onClosed(closeReason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] bytes = outgoing.poll(1, TimeUnit.SECONDS);
                if (bytes == CLOSE || closed.get()) {
                    return;
                }
                if (bytes != null) {
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("interrupted");
        }
    }

    @Override
    public String toString() {
        return name + " " + remote();
    }
}
