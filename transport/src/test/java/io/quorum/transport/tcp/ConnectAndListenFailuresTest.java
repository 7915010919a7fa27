package io.quorum.transport.tcp;

import static io.quorum.transport.tcp.ConnectionManagerTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quorum.api.view.PeerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConnectAndListenFailuresTest {
    private TestCluster cluster;
    private ServerSocket squatter;

    @AfterEach
    void stop() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (squatter != null) {
            squatter.close();
        }
        assertThat(ConnectionManagerTest.transportThreadsAlive()).isZero();
    }

    @Test
    void aHangingConnectToOnePeerDelaysNoOther() {
        cluster = new TestCluster(4);
        int blackHoled = cluster.view.server(1).orElseThrow().electionAddress().orElseThrow().port();
        HangingSocketFactory factory = new HangingSocketFactory(blackHoled);
        cluster.start(1);
        cluster.start(2);
        cluster.start(4);
        ConnectionManager three = cluster.start(cluster.config(3)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(500)).withSocketFactory(factory));

        three.toSend(1, payload("to-1"));
        await().atMost(Duration.ofSeconds(2)).until(() -> factory.hanging.get() == 1);
        three.toSend(2, payload("to-2"));
        three.toSend(4, payload("to-4"));

        await().atMost(Duration.ofSeconds(1)).until(() -> cluster.hasReceived(2, 3, payload("to-2"))
                && cluster.hasReceived(4, 3, payload("to-4")));
        assertThat(factory.hanging.get()).as("the black-holed connect is still pending").isEqualTo(1);
        assertThat(cluster.hasReceived(1, 3, payload("to-1"))).isFalse();
    }

    @Test
    void dialingAStoppedPeerReportsItUnreachableAfterItsLinkWentDown() {
        cluster = new TestCluster(3);
        cluster.start(1);
        cluster.start(3);
        cluster.connectAllEverywhere();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.events(1).contains(new TransportEvent.Link(3, true)));

        cluster.stop(3);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.events(1).contains(new TransportEvent.Link(3, false)));
        cluster.get(1).toSend(3, payload("anyone there?"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.events(1).contains(new TransportEvent.Unreachable(3)));
    }

    /**
     * The core dials a dead voter with every vote it sends; one INFO line per failed dial was a
     * dozen lines in a failover, each formatted while the survivors compete for the CPU.
     */
    @Test
    void failedDialsLogOneInfoLineUntilAConnectionIsUpAgain() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Connector.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
        try {
            cluster = new TestCluster(2);
            cluster.start(1);
            dialUntilUnreachable(3);
            assertThat(failedDials(lines, Level.INFO)).isEqualTo(1);
            // At least: a repeated send (see dialUntilUnreachable) may dial once more in the streak.
            assertThat(failedDials(lines, Level.DEBUG)).isGreaterThanOrEqualTo(2);

            cluster.start(2);
            cluster.connectAllEverywhere();
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.events(1).contains(new TransportEvent.Link(2, true)));
            cluster.stop(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.events(1).contains(new TransportEvent.Link(2, false)));
            dialUntilUnreachable(1);
            assertThat(failedDials(lines, Level.INFO)).as("a new streak after the link was up").isEqualTo(2);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }
    }

    /**
     * Sends to sid 2 until {@code times} more dials to it have failed. A send is repeated if no
     * failure follows it within a poll, as the core repeats its votes: a send made while sid 2's
     * last connection is still dying goes to that connection and dials nobody (seen once in CI,
     * right after sid 2 was stopped).
     */
    private void dialUntilUnreachable(int times) {
        for (int i = 0; i < times; i++) {
            long before = unreachableReports();
            String text = "anyone there? " + i;
            cluster.get(1).toSend(2, payload(text));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (unreachableReports() > before) {
                    return true;
                }
                cluster.get(1).toSend(2, payload(text));
                return false;
            });
        }
    }

    private long unreachableReports() {
        return cluster.events(1).stream().filter(e -> e.equals(new TransportEvent.Unreachable(2))).count();
    }

    private static long failedDials(ListAppender<ILoggingEvent> lines, Level level) {
        return lines.list.stream()
                .filter(e -> e.getLevel() == level && e.getFormattedMessage().startsWith("cannot connect to sid 2 "))
                .count();
    }

    @Test
    void aListenerThatCannotBindRetriesThenFailsLoudlyNamingTheAddress() throws IOException {
        cluster = new TestCluster(3);
        squatter = squat(cluster, 1);
        AtomicReference<ListenerBindException> told = new AtomicReference<>();
        ConnectionManager one = new ConnectionManager(cluster.config(1).withBindRetries(3, Duration.ofMillis(20)), told::set);
        try {
            one.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> one.listenerFailure().isPresent());
            PeerAddress address = cluster.view.server(1).orElseThrow().electionAddress().orElseThrow();
            assertThat(told.get()).isSameAs(one.listenerFailure().get());
            assertThat(told.get().getMessage()).contains(address.toString()).contains("3 attempt");
            assertThat(one.isListening()).isFalse();
        } finally {
            one.shutdown();
        }
    }

    @Test
    void aListenerBindsOnceThePortIsFreed() throws IOException {
        cluster = new TestCluster(3);
        squatter = squat(cluster, 1);
        ConnectionManager one = new ConnectionManager(cluster.config(1).withBindRetries(0, Duration.ofMillis(20)));
        try {
            one.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> !one.isListening());
            squatter.close();
            await().atMost(Duration.ofSeconds(5)).until(one::isListening);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void acceptErrorsNeverEndTheListener() {
        cluster = new TestCluster(3);
        AtomicInteger failuresLeft = new AtomicInteger(3);
        SocketFactory flaky = new SocketFactory() {
            @Override
            public Socket newSocket() {
                return new Socket();
            }

            @Override
            public ServerSocket newServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket socket = super.accept();
                        if (failuresLeft.getAndDecrement() > 0) {
                            socket.close();
                            throw new IOException("injected accept failure (ZOOKEEPER-2836)");
                        }
                        return socket;
                    }
                };
            }
        };
        cluster.start(cluster.config(2).withSocketFactory(flaky));
        cluster.start(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cluster.get(1).toSend(2, payload("through"));
            assertThat(cluster.hasReceived(2, 1, payload("through"))).isTrue();
        });
        assertThat(failuresLeft.get()).isNegative();
    }

    private static ServerSocket squat(TestCluster cluster, long sid) throws IOException {
        int port = cluster.view.server(sid).orElseThrow().electionAddress().orElseThrow().port();
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }
}
