package io.quorum.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free ports on the loopback address for tests, benchmarks and start-up rehearsals that configure an ensemble before
 * its peers bind. Every port of one call is held open until all are chosen, so they are distinct:
 * binding port 0, closing, and binding port 0 again may hand out the same port twice (on Linux,
 * about one 14-port draw in fifty). Two servers of one view on the same election port misroute
 * the election: one of them cannot listen, and the other gets connections meant for it
 * (ElectionLatencyBenchmark timed out so). The ports are free when returned; something else may
 * still take one before the caller binds it.
 */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct ports that were free on 127.0.0.1 for both TCP and UDP a moment ago:
     * the datagram algorithms bind UDP on the ports the view names, and our peers TCP beside them.
     */
    public static List<Integer> distinctTcpAndUdp(int count) {
        List<Integer> ports = new ArrayList<>();
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int candidate : distinct(count * 4)) {
                if (ports.size() == count) {
                    break;
                }
                try {
                    held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate)));
                    ports.add(candidate);
                } catch (IOException inUseForUdp) {
                    // taken for UDP by someone else: try the next one
                }
            }
        } finally {
            held.forEach(DatagramSocket::close);
        }
        if (ports.size() < count) {
            throw new IllegalStateException("cannot find " + count + " loopback ports free for TCP and UDP");
        }
        return ports;
    }

    /** {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
    public static List<Integer> distinct(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free loopback ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing bound it yet; closing cannot lose anything
                }
            }
        }
    }
}
