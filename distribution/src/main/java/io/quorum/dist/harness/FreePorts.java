package io.quorum.dist.harness;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** Finds free loopback ports by letting the kernel pick them. */
public final class FreePorts {

    /** Ports the kernel offers whose UDP side is taken before a usable set is found; never near in practice. */
    private static final int MAX_SKIPPED = 1_000;

    private FreePorts() {
    }

    /**
     * Holds every socket open until all are bound, so one call never hands out the same port
     * twice. Each port is free for TCP and for UDP: the datagram election algorithms (0, 1, 2)
     * bind UDP on the quorum and election ports, and a kernel-picked TCP port may already carry
     * someone's UDP socket (an alg 0 requester's ephemeral one, say). Another process may still
     * grab a port before the peer binds it; on loopback in a test run that window is small
     * enough.
     */
    public static int[] take(int count) {
        List<Closeable> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            int skipped = 0;
            while (found < count) {
                ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(tcp);
                DatagramSocket udp = udpOn(tcp.getLocalPort());
                if (udp != null) {
                    held.add(udp);
                    ports[found++] = tcp.getLocalPort();
                } else if (++skipped > MAX_SKIPPED) {
                    throw new IllegalStateException("no port free for both TCP and UDP in " + MAX_SKIPPED + " tries");
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.forEach(FreePorts::close);
        }
    }

    /** A UDP socket on the loopback address and {@code port}, or null when that port is taken for UDP. */
    private static DatagramSocket udpOn(int port) {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (SocketException e) {
            return null;
        }
    }

    /** Addresses for sids 1..count, all on fresh ports. */
    public static List<PeerAddress> peers(int count) {
        int[] ports = take(3 * count);
        List<PeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(new PeerAddress(i + 1, ports[3 * i], ports[3 * i + 1], ports[3 * i + 2]));
        }
        return peers;
    }

    private static void close(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
