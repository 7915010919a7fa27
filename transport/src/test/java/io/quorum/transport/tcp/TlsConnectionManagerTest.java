package io.quorum.transport.tcp;

import static io.quorum.transport.tcp.ConnectionManagerTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.transport.testing.TestCertificates;
import io.quorum.transport.tls.QuorumTls;
import io.quorum.transport.tls.TlsSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Election connections over mutual TLS (sslQuorum): trusted peers talk; a peer with a certificate
 * from another CA, a plain-text peer, or a certificate for another address gets nothing through,
 * and a client that never completes its handshake blocks no one.
 */
class TlsConnectionManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        assertThat(ConnectionManagerTest.transportThreadsAlive()).isZero();
    }

    private static ConnectionManagerConfig over(ConnectionManagerConfig config, TlsSettings settings) {
        return config.withSocketFactory(TestCertificates.load(settings));
    }

    private void startTrusted(long... sids) {
        for (long sid : sids) {
            cluster.start(over(cluster.config(sid), TestCertificates.peerSettings()));
        }
    }

    private void exchange(long a, long b) {
        byte[] ab = payload(a + "->" + b + " " + System.identityHashCode(this));
        byte[] ba = payload(b + "->" + a + " " + System.identityHashCode(this));
        cluster.get(a).toSend(b, ab);
        cluster.get(b).toSend(a, ba);
        await().atMost(WAIT).until(() -> cluster.hasReceived(b, a, ab) && cluster.hasReceived(a, b, ba));
    }

    @Test
    void trustedPeersExchangeMessagesInEveryPair() {
        cluster = new TestCluster(3);
        startTrusted(1, 2, 3);
        exchange(1, 2);
        exchange(1, 3);
        exchange(2, 3);
        // Simultaneous dials may replace a connection for a moment (2.3); it settles on one per pair.
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.get(2).connectedPeers()).isEqualTo(Set.of(1L, 3L)));
    }

    @Test
    void aPeerWhoseCertificateIsNotTrustedGetsNothingThroughInEitherDirection() {
        cluster = new TestCluster(3);
        startTrusted(1, 2);
        // Sid 3 dials 1 and 2 (it is larger, so they keep its connections) and is dialled by them.
        ConnectionManager rogue = cluster.start(over(cluster.config(3), TestCertificates.rogueSettings()));
        rogue.toSend(1, payload("vote from the rogue"));
        rogue.toSend(2, payload("vote from the rogue"));
        cluster.get(1).toSend(3, payload("to 3"));
        exchange(1, 2);

        await().atMost(WAIT).until(() -> cluster.get(1).rejectedConnections() > 0 && cluster.get(2).rejectedConnections() > 0);
        assertThat(cluster.events(1)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
        assertThat(cluster.events(2)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
        assertThat(cluster.events(3)).noneMatch(e -> e instanceof TransportEvent.Received);
        assertThat(cluster.get(1).connectedPeers()).doesNotContain(3L);
        assertThat(cluster.get(2).connectedPeers()).doesNotContain(3L);
    }

    @Test
    void aPlainTextPeerCannotTalkToTlsPeers() {
        cluster = new TestCluster(3);
        startTrusted(1, 2);
        ConnectionManager plain = cluster.start(3);
        plain.toSend(1, payload("plain vote"));
        plain.toSend(2, payload("plain vote"));
        cluster.get(2).toSend(3, payload("to 3"));
        exchange(1, 2);

        await().atMost(WAIT).until(() -> cluster.get(1).rejectedConnections() > 0 && cluster.get(2).rejectedConnections() > 0);
        assertThat(cluster.events(1)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
        assertThat(cluster.events(2)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
        // A TLS ClientHello read as a plain initial message is some stranger's sid, never 1's or 2's.
        assertThat(cluster.events(3)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() < 3);
        assertThat(plain.connectedPeers()).doesNotContain(1L, 2L);
    }

    @Test
    void aCertificateForAnotherAddressIsRefusedUnlessHostnameVerificationIsOff() {
        TlsSettings elsewhere = TestCertificates.trusted().settings(TestCertificates.otherAddressKeyStore());
        cluster = new TestCluster(3);
        startTrusted(1);
        ConnectionManager impostor = cluster.start(over(cluster.config(3), elsewhere));
        impostor.toSend(1, payload("from 127.0.0.2's certificate"));
        await().atMost(WAIT).until(() -> cluster.get(1).rejectedConnections() > 0);
        assertThat(cluster.events(1)).noneMatch(e -> e instanceof TransportEvent.Received r && r.sid() == 3);
        cluster.close();

        cluster = new TestCluster(3);
        cluster.start(over(cluster.config(1), TestCertificates.peerSettings().withHostnameVerification(false)));
        cluster.start(over(cluster.config(3), elsewhere.withHostnameVerification(false)));
        exchange(1, 3);
    }

    @Test
    void clientsThatNeverFinishTheirHandshakeHoldUpNobody() throws IOException {
        cluster = new TestCluster(3);
        startTrusted(1, 2);
        try (RawClient silent = new RawClient(cluster.get(2).listenPort());
                RawClient halfHello = new RawClient(cluster.get(2).listenPort())) {
            // The start of a TLS record header, then nothing.
            halfHello.write(new byte[] {0x16, 0x03, 0x01});
            exchange(1, 2);
            await().atMost(WAIT).until(() -> silent.closedByPeer() && halfHello.closedByPeer());
        }
        assertThat(cluster.get(2).rejectedConnections()).isGreaterThanOrEqualTo(2);
        exchange(1, 2);
    }

    @Test
    void theFactoryMakesTlsSocketsThatRequireAClientCertificate() throws IOException {
        QuorumTls tls = TestCertificates.load(TestCertificates.peerSettings());
        try (var server = (javax.net.ssl.SSLServerSocket) tls.newServerSocket();
                var client = (javax.net.ssl.SSLSocket) tls.newSocket()) {
            assertThat(server.getNeedClientAuth()).isTrue();
            assertThat(client.getUseClientMode()).isTrue();
            assertThat(client.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
    }
}
