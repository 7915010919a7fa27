package io.quorum.transport.tcp;

import static io.quorum.transport.tcp.ConnectionManagerTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.transport.frame.LengthFramer;
import io.quorum.transport.support.OwnedThreads;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which accepted connection survives when a larger sid's connections are adopted out of order:
 * the handshake threads may finish in any order, the listener's accept order decides (2.3).
 */
class PeerRegistryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Socket> opened = new ArrayList<>();
    private ServerSocket server;
    private TransportInbox inbox;
    private SocketRegistry sockets;
    private OwnedThreads threads;
    private PeerRegistry registry;

    @BeforeEach
    void newRegistryForSidOne() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestCluster cluster = new TestCluster(3);
        ConnectionManagerConfig config = cluster.config(1);
        inbox = new TransportInbox(config.receiveCapacity());
        sockets = new SocketRegistry();
        threads = new OwnedThreads("quorum-cnx-1", "1");
        registry = new PeerRegistry(config, inbox, sockets, threads);
    }

    @AfterEach
    void stop() throws Exception {
        registry.shutdown();
        sockets.closeAll();
        for (Socket socket : opened) {
            socket.close();
        }
        server.close();
        assertThat(threads.joinAll(10_000)).isTrue();
    }

    /** A loopback pair: [0] is the remote peer's end, [1] the end we accepted. */
    private Socket[] pair() throws IOException {
        Socket remote = new Socket();
        remote.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
        remote.setSoTimeout(50);
        Socket accepted = sockets.track(server.accept());
        opened.add(remote);
        return new Socket[] {remote, accepted};
    }

    private boolean adopt(Socket accepted, long acceptOrder) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(accepted.getInputStream()));
        return registry.adoptAccepted(2, accepted, in, acceptOrder);
    }

    private static boolean closedByPeer(Socket remote) {
        try {
            while (remote.getInputStream().read() >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private boolean received(byte[] payload) {
        List<TransportEvent> events = new ArrayList<>();
        inbox.drainTo(events::add, Integer.MAX_VALUE);
        return events.stream().anyMatch(e -> e instanceof TransportEvent.Received r
                && r.sid() == 2 && java.util.Arrays.equals(r.payload(), payload));
    }

    @Test
    void anOlderAcceptedConnectionAdoptedLastIsClosedAndTheNewerOneKept() throws IOException {
        Socket[] older = pair();
        Socket[] newer = pair();

        assertThat(adopt(newer[1], 2)).isTrue();
        assertThat(adopt(older[1], 1)).isFalse();

        await().atMost(WAIT).until(() -> closedByPeer(older[0]));
        assertThat(older[1].isClosed()).isTrue();
        assertThat(closedByPeer(newer[0])).isFalse();
        assertThat(registry.connectedSids()).containsExactly(2L);
        byte[] hello = payload("over the newer connection");
        newer[0].getOutputStream().write(LengthFramer.encode(hello));
        await().atMost(WAIT).until(() -> received(hello));
    }

    @Test
    void aNewerAcceptedConnectionStillReplacesAnOlderOne() throws IOException {
        Socket[] older = pair();
        Socket[] newer = pair();

        assertThat(adopt(older[1], 1)).isTrue();
        assertThat(adopt(newer[1], 2)).isTrue();

        await().atMost(WAIT).until(() -> closedByPeer(older[0]));
        assertThat(closedByPeer(newer[0])).isFalse();
        byte[] hello = payload("over the replacement");
        newer[0].getOutputStream().write(LengthFramer.encode(hello));
        await().atMost(WAIT).until(() -> received(hello));
    }
}
