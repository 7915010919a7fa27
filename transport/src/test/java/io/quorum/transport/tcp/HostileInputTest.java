package io.quorum.transport.tcp;

import static io.quorum.transport.tcp.ConnectionManagerTest.payload;
import static io.quorum.transport.tcp.InitialMessageDecoderTest.versioned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.transport.frame.LengthFramer;
import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors.Vector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Garbage on a real election port closes that connection only; a good exchange still works. */
class HostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ROUND = new AtomicInteger();
    private TestCluster cluster;
    private ConnectionManager two;

    @BeforeEach
    void startTwoPeers() {
        cluster = new TestCluster(3);
        cluster.start(1);
        two = cluster.start(2);
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertThat(ConnectionManagerTest.transportThreadsAlive()).isZero();
    }

    /** A fresh exchange in both directions between sid 1 and sid 2 must succeed. */
    private void goodExchangeStillWorks() {
        byte[] up = payload("up-" + ROUND.incrementAndGet());
        byte[] down = payload("down-" + ROUND.get());
        cluster.get(1).toSend(2, up);
        two.toSend(1, down);
        await().atMost(WAIT).until(() -> cluster.hasReceived(2, 1, up) && cluster.hasReceived(1, 2, down));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] lengthHeader(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, Integer.MIN_VALUE, 1 << 30, LengthFramer.MAX_PAYLOAD + 1})
    void aBadFrameLengthClosesOnlyThatConnection(int length) throws IOException {
        try (RawClient client = new RawClient(two.listenPort())) {
            client.write(concat(InitialMessage.sidOnly(3).encode(), lengthHeader(length)));
            await().atMost(WAIT).until(client::closedByPeer);
        }
        goodExchangeStillWorks();
    }

    @Test
    void aOneMebibyteAddressIsRefused() throws IOException {
        byte[] message = versioned(InitialMessage.PROTOCOL_V1, 3, "h".repeat(1 << 20) + ":1");
        try (RawClient client = new RawClient(two.listenPort())) {
            client.write(Arrays.copyOf(message, 64 * 1024));
            await().atMost(WAIT).until(client::closedByPeer);
        }
        assertThat(two.rejectedConnections()).isEqualTo(1);
        goodExchangeStillWorks();
    }

    @Test
    void aTruncatedFrameIsDroppedAndTheLinkRecovers() throws IOException {
        byte[] frame = LengthFramer.encode(new byte[40]);
        try (RawClient client = new RawClient(two.listenPort())) {
            client.write(concat(InitialMessage.sidOnly(3).encode(), Arrays.copyOf(frame, 14)));
        }
        await().atMost(WAIT).until(() -> two.openSocketCount() == 0 || !two.connectedPeers().contains(3L));
        goodExchangeStillWorks();
        assertThat(cluster.events(2)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
    }

    @Test
    void aClientThatSendsNothingIsClosedAfterTheHandshakeTimeout() throws IOException {
        try (RawClient silent = new RawClient(two.listenPort()); RawClient halfSid = new RawClient(two.listenPort())) {
            halfSid.write(new byte[] {0, 0, 0});
            goodExchangeStillWorks();
            await().atMost(WAIT).until(() -> silent.closedByPeer() && halfSid.closedByPeer());
        }
        assertThat(two.rejectedConnections()).isEqualTo(2);
    }

    @Test
    void ourOwnSidAndTheAnonymousObserverAreTurnedAway() throws IOException {
        try (RawClient self = new RawClient(two.listenPort());
                RawClient anonymous = new RawClient(two.listenPort())) {
            self.write(InitialMessage.sidOnly(2).encode());
            anonymous.write(InitialMessage.sidOnly(InitialMessage.ANONYMOUS_OBSERVER_SID).encode());
            await().atMost(WAIT).until(() -> self.closedByPeer() && anonymous.closedByPeer());
        }
        goodExchangeStillWorks();
    }

    @Test
    void aLargerSidOutsideTheViewIsServedButGetsNoLinkEvent() throws IOException {
        try (RawClient stranger = new RawClient(two.listenPort())) {
            stranger.write(concat(versioned(InitialMessage.PROTOCOL_V1, 99, "127.0.0.1:1"), LengthFramer.encode(payload("hi"))));
            await().atMost(WAIT).until(() -> cluster.hasReceived(2, 99, payload("hi")));
            two.toSend(99, payload("reply"));
            await().atMost(WAIT).until(() -> Arrays.equals(stranger.readAvailable(9), LengthFramer.encode(payload("reply"))));
        }
        assertThat(cluster.events(2)).noneMatch(e -> e instanceof TransportEvent.Link l && l.sid() == 99);
        goodExchangeStillWorks();
    }

    /** CVE-2018-8012: a member's sid counts only from the host its server line names. */
    @Test
    void aMembersSidFromAnotherAddressIsRefused() throws IOException {
        try (RawClient impostor = new RawClient("127.0.0.2", two.listenPort())) {
            impostor.write(concat(InitialMessage.sidOnly(3).encode(), LengthFramer.encode(payload("I am 3"))));
            await().atMost(WAIT).until(impostor::closedByPeer);
        }
        assertThat(two.rejectedConnections()).isEqualTo(1);
        assertThat(cluster.events(2)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
        assertThat(two.connectedPeers()).doesNotContain(3L);
        goodExchangeStillWorks();
    }

    @Test
    void aStrangerSidFromAnotherAddressIsServedAsAStranger() throws IOException {
        try (RawClient stranger = new RawClient("127.0.0.2", two.listenPort())) {
            stranger.write(concat(InitialMessage.sidOnly(77).encode(), LengthFramer.encode(payload("hi"))));
            await().atMost(WAIT).until(() -> cluster.hasReceived(2, 77, payload("hi")));
        }
        assertThat(cluster.events(2)).noneMatch(e -> e instanceof TransportEvent.Link l && l.sid() == 77);
    }

    @Test
    void capturedStreamsFrom3414And395PeersAreUnderstood() throws IOException {
        // stream-3.4.14-sid2-to-sid1-c2s goes to sid 1; stream-3.9.5-sid3-to-3.4.14-sid2-c2s to sid 2.
        for (Vector vector : GoldenVectors.withPrefix("stream-")) {
            if (!vector.name().endsWith("-c2s.hex")) {
                continue;
            }
            boolean from34 = vector.name().startsWith("stream-3.4.14");
            ConnectionManager target = from34 ? cluster.get(1) : two;
            long sender = from34 ? 2 : 3;
            byte[] firstPayload = Arrays.copyOfRange(vector.bytes(), vector.bytes().length - (from34 ? 40 : 182), vector.bytes().length);
            try (RawClient peer = new RawClient(target.listenPort())) {
                peer.write(vector.bytes());
                await().atMost(WAIT).until(() -> cluster.hasReceived(target.mySid(), sender, firstPayload));
            }
        }
        goodExchangeStillWorks();
    }

    @Test
    void threeHundredRandomInitialMessagesOverRealSockets() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        int sent = 0;
        while (sent < 300) {
            byte[] input = RandomInitialMessages.next(random);
            if (wouldDialBackSomewhere(input)) {
                continue;
            }
            try (RawClient client = new RawClient(two.listenPort())) {
                client.write(input);
            }
            sent++;
        }
        goodExchangeStillWorks();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(two.connectedPeers()).containsExactly(1L);
            assertThat(two.openSocketCount()).isEqualTo(1);
        });
    }

    /** Valid messages from a smaller sid legitimately make the acceptor dial their address. */
    private static boolean wouldDialBackSomewhere(byte[] input) {
        try {
            InitialMessage message = InitialMessageDecoder.decode(input);
            return message.sid() < 2 && message.sid() != 1;
        } catch (IOException invalid) {
            return false;
        }
    }
}
