package io.quorum.transport.udp;

import io.quorum.transport.support.BoundedInbox;
import io.quorum.transport.support.OwnedThreads;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP socket for the legacy algorithms (PROTOCOL.md 4 and 5): alg 0's responder on the quorum
 * port and its requester on an ephemeral one, alg 1/2's socket on the election port. One receive
 * thread moves datagrams into a bounded inbox that drops the oldest when full; datagrams longer
 * than the cap or of a length the algorithm does not accept are counted and dropped.
 */
public final class DatagramEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramEndpoint.class);
    private static final long JOIN_MILLIS = 5_000;

    private final DatagramSocket socket;
    private final int maxPayload;
    private final IntPredicate acceptedLength;
    private final BoundedInbox<Datagram> inbox;
    private final OwnedThreads threads;
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean closed;

    /**
     * Binds and starts receiving.
     *
     * @param bindAddress where to bind; ZooKeeper always binds the wildcard (port 0 = ephemeral)
     * @param maxPayload the largest datagram accepted (48 for alg 1/2, 36 for alg 0 responses)
     * @param acceptedLength which lengths the algorithm reads (e.g. alg 1/2: exactly 48)
     * @param inboxCapacity datagrams waiting before the oldest is dropped
     * @param peer the peer id for thread names and the MDC
     */
    public DatagramEndpoint(InetSocketAddress bindAddress, int maxPayload, IntPredicate acceptedLength,
            int inboxCapacity, String peer) throws IOException {
        this(bindAddress, maxPayload, acceptedLength, inboxCapacity, peer, false);
    }

    /**
     * As the other constructor; with {@code sharedPort}, the socket is bound with SO_REUSEADDR, so
     * that {@link PeerDatagramChannels} can bind the same address and port beside it.
     */
    public DatagramEndpoint(InetSocketAddress bindAddress, int maxPayload, IntPredicate acceptedLength,
            int inboxCapacity, String peer, boolean sharedPort) throws IOException {
        if (maxPayload < 1 || maxPayload > 65_507) {
            throw new IllegalArgumentException("maxPayload must be 1..65507, got " + maxPayload);
        }
        this.maxPayload = maxPayload;
        this.acceptedLength = acceptedLength;
        this.inbox = new BoundedInbox<>(inboxCapacity);
        this.socket = bind(bindAddress, sharedPort);
        this.threads = new OwnedThreads("quorum-udp-" + peer + "-" + socket.getLocalPort(), peer);
        threads.start("recv", this::receiveLoop);
    }

    private static DatagramSocket bind(InetSocketAddress bindAddress, boolean sharedPort) throws IOException {
        if (!sharedPort) {
            return new DatagramSocket(bindAddress);
        }
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(bindAddress);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The address and port this socket is bound to. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** An endpoint on the wildcard address, as ZooKeeper binds its UDP sockets. */
    public static DatagramEndpoint onWildcard(int port, int maxPayload, IntPredicate acceptedLength, String peer)
            throws IOException {
        return new DatagramEndpoint(new InetSocketAddress(port), maxPayload, acceptedLength, 100, peer);
    }

    /** The longest datagram this socket sends or accepts. */
    public int maxPayload() {
        return maxPayload;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /**
     * Sends one datagram. Failures are logged and counted as UDP losses are: the algorithms
     * retransmit on their own schedule.
     *
     * @return whether the datagram was handed to the network
     */
    public boolean send(InetSocketAddress to, byte[] payload) {
        if (payload.length == 0 || payload.length > maxPayload) {
            throw new IllegalArgumentException("datagram of " + payload.length + " bytes; allowed 1.." + maxPayload);
        }
        try {
            socket.send(new DatagramPacket(payload, payload.length, to));
            return true;
        } catch (IOException e) {
            LOG.debug("cannot send a datagram to {}: {}", to, e.toString());
            return false;
        }
    }

    /** The oldest received datagram, waiting up to the timeout; null if none. */
    public Datagram poll(long timeout, TimeUnit unit) throws InterruptedException {
        return inbox.poll(timeout, unit);
    }

    public BoundedInbox<Datagram> inbox() {
        return inbox;
    }

    /** Datagrams dropped for being oversized or of a length the algorithm does not read. */
    public long malformedCount() {
        return malformed.get();
    }

    private void receiveLoop() {
        // One byte more than the cap, so an oversized datagram is seen as such, not truncated.
        byte[] buffer = new byte[maxPayload + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                accept(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("UDP receive failed on port {}; still receiving: {}", socket.getLocalPort(), e.toString());
                }
            }
        }
    }

    private void accept(DatagramPacket packet) {
        int length = packet.getLength();
        if (length > maxPayload || !acceptedLength.test(length)) {
            malformed.incrementAndGet();
            return;
        }
        byte[] payload = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + length);
        inbox.offer(new Datagram((InetSocketAddress) packet.getSocketAddress(), payload));
    }

    /** Closes the socket and joins the receive thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            threads.joinAll(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
