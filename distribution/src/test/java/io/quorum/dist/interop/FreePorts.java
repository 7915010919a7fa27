package io.quorum.dist.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds free loopback ports by letting the kernel pick them. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Holds every socket open until all are bound, so one call never hands out the same port
     * twice. Another process may still grab a port before ZooKeeper binds it; on loopback in a
     * test run that window is small enough.
     */
    static int[] take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(FreePorts::close);
        }
    }

    /** Addresses for sids 1..count, all on fresh ports. */
    static List<PeerAddress> peers(int count) {
        int[] ports = take(3 * count);
        List<PeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(new PeerAddress(i + 1, ports[3 * i], ports[3 * i + 1], ports[3 * i + 2]));
        }
        return peers;
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
