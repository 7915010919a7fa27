package io.quorum.transport.udp;

import io.quorum.transport.support.OwnedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP channel per peer, each connected to that peer's address, all bound to the local
 * address and port of an unconnected {@link DatagramEndpoint} made with a shared port, and read by
 * one selector thread.
 *
 * <p>Why connected: a datagram sent to a port where nothing listens comes back as ICMP port
 * unreachable, and the kernel reports that only to a connected socket (as
 * {@link PortUnreachableException} on its next read); an unconnected socket never hears it and
 * can only wait out its timeout. So a sender learns at once that a peer is down.
 *
 * <p>Why the shared port: answers still reach the port the request left from, as on one socket.
 * The kernel hands a datagram from a channel's peer address to that channel (the exact match
 * wins) and any other datagram to the unconnected socket, so an answer from an address the
 * channel does not expect (a peer with several addresses) is not lost. Where the port cannot be
 * shared, {@link #open} fails and the caller keeps sending on the unconnected socket.
 */
public final class PeerDatagramChannels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDatagramChannels.class);
    private static final long JOIN_MILLIS = 5_000;

    /** What the selector thread hears; called on that thread. */
    public interface Listener {
        /** A datagram from {@code sid}'s address, of at most the channels' payload cap. */
        void datagram(long sid, InetSocketAddress source, byte[] payload);

        /** A datagram sent to {@code sid} was refused: nothing listens on that port now. */
        void refused(long sid);
    }

    private final Map<Long, DatagramChannel> channels;
    private final Map<DatagramChannel, Long> sids;
    private final Selector selector;
    private final int maxPayload;
    private final OwnedThreads threads;
    private volatile boolean closed;

    private PeerDatagramChannels(Map<Long, DatagramChannel> channels, Selector selector, int maxPayload,
            OwnedThreads threads) {
        this.channels = Map.copyOf(channels);
        Map<DatagramChannel, Long> bySocket = new HashMap<>();
        channels.forEach((sid, channel) -> bySocket.put(channel, sid));
        this.sids = Map.copyOf(bySocket);
        this.selector = selector;
        this.maxPayload = maxPayload;
        this.threads = threads;
    }

    /**
     * Opens and connects a channel per peer on {@code local} (the address and port of a socket
     * bound with SO_REUSEADDR) and starts reading them.
     *
     * @param peers each peer's id and the address its datagrams are sent to
     * @param maxPayload longer datagrams are dropped
     * @param peer this peer's id, for thread names and the MDC
     * @throws IOException if a channel cannot be opened, bound or connected; none stays open
     */
    public static PeerDatagramChannels open(InetSocketAddress local, Map<Long, InetSocketAddress> peers, int maxPayload,
            Listener listener, String peer) throws IOException {
        Objects.requireNonNull(listener, "listener is null");
        Map<Long, DatagramChannel> channels = new HashMap<>();
        Selector selector = Selector.open();
        try {
            for (Map.Entry<Long, InetSocketAddress> target : peers.entrySet()) {
                DatagramChannel channel = DatagramChannel.open();
                channels.put(target.getKey(), channel);
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(local);
                channel.connect(target.getValue());
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels, selector);
            throw e;
        }
        OwnedThreads threads = new OwnedThreads("quorum-udp-" + peer + "-" + local.getPort() + "-peers", peer);
        PeerDatagramChannels opened = new PeerDatagramChannels(channels, selector, maxPayload, threads);
        threads.start("select", () -> opened.selectLoop(listener));
        return opened;
    }

    /** Whether there is a channel to {@code sid}. */
    public boolean reaches(long sid) {
        return channels.containsKey(sid);
    }

    /**
     * Sends one datagram to {@code sid}. Failures are logged and counted as UDP losses are.
     *
     * @return whether the datagram was handed to the network
     */
    public boolean send(long sid, byte[] payload) {
        DatagramChannel channel = channels.get(sid);
        if (channel == null) {
            throw new IllegalArgumentException("no channel to server " + sid);
        }
        try {
            return write(channel, payload);
        } catch (PortUnreachableException stale) {
            // The refusal of an earlier datagram, not read yet, fails this write without sending
            // it; the refusal is consumed now, so one more try sends.
            try {
                return write(channel, payload);
            } catch (IOException e) {
                LOG.debug("cannot send a datagram to server {}: {}", sid, e.toString());
                return false;
            }
        } catch (IOException e) {
            LOG.debug("cannot send a datagram to server {}: {}", sid, e.toString());
            return false;
        }
    }

    private static boolean write(DatagramChannel channel, byte[] payload) throws IOException {
        return channel.write(ByteBuffer.wrap(payload)) == payload.length;
    }

    private void selectLoop(Listener listener) {
        // One byte more than the cap, so an oversized datagram is seen as such, not truncated.
        ByteBuffer buffer = ByteBuffer.allocate(maxPayload + 1);
        while (!closed) {
            try {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    readAll(channel, sids.get(channel), buffer, listener);
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("UDP select failed; still reading: {}", e.toString());
                }
            }
        }
    }

    private void readAll(DatagramChannel channel, long sid, ByteBuffer buffer, Listener listener) {
        while (!closed) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (PortUnreachableException e) {
                listener.refused(sid);
                continue;
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("UDP receive from server {} failed: {}", sid, e.toString());
                }
                return;
            }
            if (source == null) {
                return;
            }
            buffer.flip();
            if (buffer.remaining() <= maxPayload) {
                byte[] payload = new byte[buffer.remaining()];
                buffer.get(payload);
                listener.datagram(sid, source, payload);
            }
        }
    }

    /** Closes every channel and joins the selector thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(channels, selector);
        try {
            if (!threads.joinAll(JOIN_MILLIS)) {
                LOG.warn("the UDP selector thread did not stop within {} ms", JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(Map<Long, DatagramChannel> channels, Selector selector) {
        for (DatagramChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a UDP channel: {}", e.toString());
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the UDP selector: {}", e.toString());
        }
    }
}
