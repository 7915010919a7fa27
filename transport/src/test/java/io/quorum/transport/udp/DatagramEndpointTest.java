package io.quorum.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors.Vector;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatagramEndpointTest {
    private static final InetSocketAddress LOOPBACK_EPHEMERAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private DatagramEndpoint alice;
    private DatagramEndpoint bob;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("quorum-udp-") && t.isAlive());
    }

    private static InetSocketAddress at(DatagramEndpoint endpoint) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.localPort());
    }

    @Test
    void capturedAlg1DatagramsTravelUnchangedWithTheirSource() throws Exception {
        alice = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 48, n -> n == 48, 100, "1");
        bob = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 48, n -> n == 48, 100, "2");
        for (Vector vector : GoldenVectors.withPrefix("afle-")) {
            assertThat(alice.send(at(bob), vector.bytes())).isTrue();

            Datagram got = bob.poll(5, TimeUnit.SECONDS);
            assertThat(got).as(vector.name()).isNotNull();
            assertThat(got.payload()).as(vector.name()).isEqualTo(vector.bytes());
            assertThat(got.source().getPort()).isEqualTo(alice.localPort());
        }
    }

    @Test
    void oversizedAndWrongLengthDatagramsAreCountedAndDropped() throws Exception {
        bob = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 48, n -> n == 48, 100, "2");
        try (DatagramSocket raw = new DatagramSocket(LOOPBACK_EPHEMERAL)) {
            for (int length : new int[] {1, 47, 49, 1000, 65_000}) {
                raw.send(new DatagramPacket(new byte[length], length, at(bob)));
            }
            raw.send(new DatagramPacket(new byte[48], 48, at(bob)));
        }

        Datagram good = bob.poll(5, TimeUnit.SECONDS);
        assertThat(good.payload()).hasSize(48);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.malformedCount() == 5);
    }

    @Test
    void aFullInboxDropsTheOldest() throws Exception {
        bob = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 4, n -> n == 4, 2, "2");
        alice = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 4, n -> true, 2, "1");
        for (int i = 0; i < 3; i++) {
            alice.send(at(bob), new byte[] {0, 0, 0, (byte) i});
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.inbox().dropped() == 1);

        assertThat(bob.poll(1, TimeUnit.SECONDS).payload()[3]).isEqualTo((byte) 1);
        assertThat(bob.poll(1, TimeUnit.SECONDS).payload()[3]).isEqualTo((byte) 2);
    }

    @Test
    void refusesToSendWhatTheCapForbids() throws IOException {
        alice = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 4, n -> true, 2, "1");

        assertThatThrownBy(() -> alice.send(at(alice), new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.send(at(alice), new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindsTheWildcardAddressLikeZooKeeper() throws Exception {
        alice = DatagramEndpoint.onWildcard(0, 36, n -> n == 4, "1");
        bob = new DatagramEndpoint(LOOPBACK_EPHEMERAL, 36, n -> true, 10, "2");
        byte[] request = GoldenVectors.withPrefix("le0-request").get(0).bytes();

        bob.send(at(alice), request);

        assertThat(alice.poll(5, TimeUnit.SECONDS).payload()).isEqualTo(request);
    }
}
