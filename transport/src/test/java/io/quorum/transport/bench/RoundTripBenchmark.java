package io.quorum.transport.bench;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.runtime.SystemTicker;
import io.quorum.transport.tcp.ConnectionManager;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import io.quorum.transport.tcp.TransportEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification round trips between two connection managers on loopback: sid 1 sends a 40-byte
 * payload (the size of a 3.4.14 notification) to sid 2, whose loop echoes it back. Not a test;
 * run it with {@code exec:java} (see the class's caller in the report). Prints the median and
 * p99 in microseconds through the logger.
 */
public final class RoundTripBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RoundTripBenchmark.class);

    private RoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        QuorumView view = twoPeers();
        try (ConnectionManager one = new ConnectionManager(ConnectionManagerConfig.defaults(1, view));
                ConnectionManager two = new ConnectionManager(ConnectionManagerConfig.defaults(2, view))) {
            one.start();
            two.start();
            Thread echo = new Thread(() -> echoLoop(two), "bench-echo");
            echo.setDaemon(true);
            echo.start();
            roundTrips(one, warmup);
            long[] micros = roundTrips(one, measured);
            Arrays.sort(micros);
            LOG.warn("{} round trips of 40 bytes: median {} us, p99 {} us, p99.9 {} us, max {} us", measured,
                    micros[micros.length / 2], micros[(int) (micros.length * 0.99)],
                    micros[(int) (micros.length * 0.999)], micros[micros.length - 1]);
            echo.interrupt();
        }
    }

    private static long[] roundTrips(ConnectionManager one, int count) throws InterruptedException {
        long[] micros = new long[count];
        byte[] payload = new byte[40];
        for (int i = 0; i < count; i++) {
            payload[0] = (byte) i;
            long start = SystemTicker.INSTANCE.nanoTime();
            one.toSend(2, payload);
            TransportEvent event;
            do {
                event = one.pollRecv(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new IllegalStateException("no echo within 10 s at round trip " + i);
                }
            } while (!(event instanceof TransportEvent.Received));
            micros[i] = (SystemTicker.INSTANCE.nanoTime() - start) / 1_000;
        }
        return micros;
    }

    private static void echoLoop(ConnectionManager two) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TransportEvent event = two.pollRecv(1, TimeUnit.SECONDS);
                if (event instanceof TransportEvent.Received received) {
                    two.toSend(received.sid(), received.payload());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static QuorumView twoPeers() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return QuorumView.majority(List.of(
                    QuorumServer.participant(1, new PeerAddress("127.0.0.1", 1), new PeerAddress("127.0.0.1", a.getLocalPort())),
                    QuorumServer.participant(2, new PeerAddress("127.0.0.1", 2), new PeerAddress("127.0.0.1", b.getLocalPort()))));
        }
    }
}
