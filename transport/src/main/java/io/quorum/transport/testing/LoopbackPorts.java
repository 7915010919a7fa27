package io.quorum.transport.testing;

import io.quorum.transport.support.PortRange;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Free ports on the loopback address, in two kinds.
 *
 * <p>{@link #forServers} is for ensembles whose ports are written into a configuration before
 * the peers bind them: tests, benchmarks, local ensembles. Those ports come from below the
 * kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), as ZooKeeper's own test
 * suite keeps its ports. A port inside that range is the local port of any outgoing connection
 * the kernel sets up while nothing listens on it, from any process: between the choice and the
 * bind, while a killed peer waits to be restarted, and above all on a quorum port, which a peer
 * binds only when it becomes leader. An election dial that hangs up leaves its local port in
 * TIME_WAIT for a minute, so the new leader could not listen for learners and the ensemble
 * re-elected it every initLimit without end (a CI run of {@code quorum ensemble} saw no second
 * leader in six seconds). Successive calls in one JVM walk on through the range from a random
 * start, so a test does not get the ports a previous test's peers were just using.
 *
 * <p>{@link #distinct} lets the kernel pick, from the ephemeral range: for throw-away in-process
 * listeners such as a peer's start-up rehearsal, which binds at once and must never take a port
 * that real peers are configured with.
 *
 * <p>Every port of one call is held open until all are chosen, so they are distinct: binding
 * port 0, closing, and binding port 0 again may hand out the same port twice (on Linux, about
 * one 14-port draw in fifty). Two servers of one view on the same election port misroute the
 * election. The ports are free when returned; something else may still take one before the
 * caller binds it.
 */
public final class LoopbackPorts {
    /** The lowest port handed out: above the registered services developers tend to run locally. */
    private static final int FLOOR = 16_384;
    /** Less room than this outside the ephemeral range, and the kernel picks as for {@link #distinct}. */
    private static final int MIN_SPAN = 1_000;

    private static final PortRange SERVER_RANGE = serverRange(PortRange.ephemeral());
    private static final AtomicInteger CURSOR = new AtomicInteger(
            SERVER_RANGE == null ? 0 : ThreadLocalRandom.current().nextInt(SERVER_RANGE.size()));

    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct ports for servers configured before they bind, free on 127.0.0.1 for
     * both TCP and UDP a moment ago (the datagram algorithms bind UDP on the ports the view names,
     * and our peers TCP beside them), outside the kernel's ephemeral range when there is room.
     */
    public static List<Integer> forServers(int count) {
        if (SERVER_RANGE == null) {
            return chooseTcpAndUdp(count, 1_000 + count, () -> 0, "");
        }
        return chooseTcpAndUdp(count, SERVER_RANGE.size(),
                () -> SERVER_RANGE.first() + Math.floorMod(CURSOR.getAndIncrement(), SERVER_RANGE.size()),
                " in " + SERVER_RANGE);
    }

    /**
     * The range {@link #forServers} takes ports from, for callers that need a block of
     * neighbouring ports (a base port and offsets from it); empty when there is no room outside
     * the ephemeral range.
     */
    public static Optional<PortRange> serverRange() {
        return Optional.ofNullable(SERVER_RANGE);
    }

    /** {@code count} distinct ports the kernel picked (from its ephemeral range), free on 127.0.0.1 a moment ago. */
    public static List<Integer> distinct(int count) {
        List<Closeable> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free loopback ports", e);
        } finally {
            held.forEach(LoopbackPorts::close);
        }
    }

    /** The larger stretch outside {@code ephemeral} from {@link #FLOOR} up, or null if neither has room. */
    static PortRange serverRange(PortRange ephemeral) {
        PortRange below = ephemeral.first() - FLOOR >= MIN_SPAN ? new PortRange(FLOOR, ephemeral.first() - 1) : null;
        int aboveFirst = Math.max(FLOOR, ephemeral.last() + 1);
        PortRange above = 65_535 - aboveFirst + 1 >= MIN_SPAN ? new PortRange(aboveFirst, 65_535) : null;
        if (below == null || (above != null && above.size() > below.size())) {
            return above;
        }
        return below;
    }

    /** Holds candidates (0: the kernel picks) until {@code count} were free for TCP and UDP. */
    private static List<Integer> chooseTcpAndUdp(int count, int maxTries, IntSupplier candidates, String where) {
        List<Closeable> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int tried = 0; ports.size() < count; tried++) {
                if (tried == maxTries) {
                    throw new IllegalStateException("cannot find " + count + " ports" + where
                            + " free on 127.0.0.1 for TCP and UDP");
                }
                int port = holdTcpAndUdp(candidates.getAsInt(), held);
                if (port > 0) {
                    ports.add(port);
                }
            }
            return ports;
        } finally {
            held.forEach(LoopbackPorts::close);
        }
    }

    /** Binds the candidate for TCP, then its port for UDP, keeping both in {@code held}; -1 if either is taken. */
    private static int holdTcpAndUdp(int candidate, List<Closeable> held) {
        ServerSocket tcp;
        try {
            tcp = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress());
        } catch (IOException inUse) {
            return -1;
        }
        held.add(tcp);
        DatagramSocket udp = udpOn(tcp.getLocalPort());
        if (udp == null) {
            return -1;
        }
        held.add(udp);
        return tcp.getLocalPort();
    }

    /** A UDP socket on the loopback address and {@code port}, or null when that port is taken for UDP. */
    private static DatagramSocket udpOn(int port) {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was bound through it yet; closing cannot lose anything
        }
    }
}
