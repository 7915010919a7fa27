package io.quorum.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connected channels sharing the port of an unconnected socket, on loopback: answers from the
 * peer asked arrive on its channel, anything else on the socket, and a datagram to a port where
 * nothing listens is reported refused.
 */
class PeerDatagramChannelsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private DatagramEndpoint requester;
    private DatagramSocket live;
    private DatagramSocket stranger;
    private InetSocketAddress deadAddress;
    private PeerDatagramChannels channels;

    @BeforeEach
    void sockets() throws Exception {
        requester = new DatagramEndpoint(new InetSocketAddress(LOOPBACK, 0), 36, n -> true, 10, "1", true);
        live = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        live.setSoTimeout(10_000);
        stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        try (DatagramSocket closedNow = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            deadAddress = (InetSocketAddress) closedNow.getLocalSocketAddress();
        }
        channels = PeerDatagramChannels.open(requester.localAddress(),
                Map.of(2L, (InetSocketAddress) live.getLocalSocketAddress(), 3L, deadAddress), 36, new Recorder(), "1");
    }

    @AfterEach
    void close() {
        channels.close();
        requester.close();
        live.close();
        stranger.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("quorum-udp-") && t.isAlive());
    }

    @Test
    void requestsLeaveFromTheSharedPortAndTheAnswerComesBackOnThePeersChannel() throws Exception {
        assertThat(channels.send(2, new byte[] {1, 2, 3, 4})).isTrue();
        DatagramPacket request = new DatagramPacket(new byte[64], 64);
        live.receive(request);
        assertThat(request.getPort()).isEqualTo(requester.localPort());

        live.send(new DatagramPacket(new byte[] {9, 9}, 2, request.getSocketAddress()));

        await().atMost(BOUND).until(() -> heard.contains("datagram from 2: 2 bytes"));
        assertThat(requester.poll(0, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aDatagramFromAnotherAddressReachesTheUnconnectedSocket() throws Exception {
        stranger.send(new DatagramPacket(new byte[] {7}, 1, requester.localAddress().getAddress(), requester.localPort()));

        Datagram got = requester.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.source().getPort()).isEqualTo(stranger.getLocalPort());
        assertThat(heard).isEmpty();
    }

    @Test
    void aDatagramToAPortWhereNothingListensIsRefusedAndTheNextOneStillGoesOut() {
        assertThat(channels.send(3, new byte[] {1, 2, 3, 4})).isTrue();
        await().atMost(BOUND).until(() -> heard.contains("refused 3"));

        // A refusal nobody read yet fails the next write; it is retried, so this one goes out too.
        heard.clear();
        channels.send(3, new byte[] {1, 2, 3, 4});
        channels.send(3, new byte[] {1, 2, 3, 4});
        await().atMost(BOUND).until(() -> heard.contains("refused 3"));
        assertThat(heard).allMatch(line -> line.equals("refused 3"));
    }

    @Test
    void onlyPeersWithAChannelCanBeSentTo() {
        assertThat(channels.reaches(2)).isTrue();
        assertThat(channels.reaches(4)).isFalse();
        assertThatThrownBy(() -> channels.send(4, new byte[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server 4");
    }

    @Test
    void withoutASharedPortTheChannelsCannotOpen() throws Exception {
        try (DatagramSocket exclusive = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            assertThatThrownBy(() -> PeerDatagramChannels.open((InetSocketAddress) exclusive.getLocalSocketAddress(),
                    Map.of(2L, (InetSocketAddress) live.getLocalSocketAddress()), 36, new Recorder(), "9"))
                    .isInstanceOf(java.net.BindException.class);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("quorum-udp-9-") && t.isAlive());
    }

    private final class Recorder implements PeerDatagramChannels.Listener {
        @Override
        public void datagram(long sid, InetSocketAddress source, byte[] payload) {
            heard.add("datagram from " + sid + ": " + payload.length + " bytes");
        }

        @Override
        public void refused(long sid) {
            heard.add("refused " + sid);
        }
    }
}
