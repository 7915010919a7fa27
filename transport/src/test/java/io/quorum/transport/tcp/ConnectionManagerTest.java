package io.quorum.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestCluster cluster;

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        assertThat(transportThreadsAlive()).as("threads left behind").isZero();
    }

    static long transportThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("quorum-cnx-") && t.isAlive()).count();
    }

    static byte[] payload(String text) {
        return text.getBytes(UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void everyPairExchangesMessagesWhateverTheStartOrder(int size) {
        cluster = new TestCluster(size);
        List<Long> order = new ArrayList<>(LongStream.rangeClosed(1, size).boxed().toList());
        Collections.shuffle(order, new Random(size));
        for (long sid : order) {
            cluster.start(sid);
            for (long to = 1; to <= size; to++) {
                if (to != sid) {
                    cluster.get(sid).toSend(to, payload(sid + "->" + to));
                }
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            cluster.connectAllEverywhere();
            for (long at = 1; at <= size; at++) {
                for (long from = 1; from <= size; from++) {
                    if (from != at) {
                        assertThat(cluster.hasReceived(at, from, payload(from + "->" + at))).as("%d got %d's", at, from).isTrue();
                    }
                }
            }
        });
        assertOnePairwiseConnection(size);
    }

    private void assertOnePairwiseConnection(int size) {
        await().atMost(WAIT).untilAsserted(() -> cluster.running().forEach((sid, m) -> {
            Set<Long> others = LongStream.rangeClosed(1, size).filter(s -> s != sid).boxed().collect(Collectors.toSet());
            assertThat(m.connectedPeers()).as("peers of %d", sid).isEqualTo(others);
            assertThat(m.openSocketCount()).as("sockets of %d", sid).isEqualTo(size - 1);
            assertThat(m.threadCount()).as("threads of %d", sid).isEqualTo(1 + 2 * (size - 1));
        }));
    }

    @Test
    void aMessageToOneselfSkipsTheNetwork() throws Exception {
        cluster = new TestCluster(3);
        ConnectionManager one = cluster.start(1);

        one.toSend(1, payload("me"));

        TransportEvent event = one.pollRecv(1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(event).isInstanceOfSatisfying(TransportEvent.Received.class, r -> {
            assertThat(r.sid()).isEqualTo(1);
            assertThat(r.payload()).isEqualTo(payload("me"));
        });
        assertThat(one.openSocketCount()).isZero();
    }

    @Test
    void linkChangesAreReportedForServersOfTheView() {
        cluster = new TestCluster(3);
        ConnectionManager one = cluster.start(1);
        cluster.start(2);
        one.toSend(2, payload("hello"));
        await().atMost(WAIT).until(() -> cluster.events(1).contains(new TransportEvent.Link(2, true)));

        cluster.stop(2);

        await().atMost(WAIT).until(() -> cluster.events(1).contains(new TransportEvent.Link(2, false)));
    }

    @Test
    void aRestartedPeerReconnectsTwentyTimesAndGetsTheLastMessageResent() {
        cluster = new TestCluster(3);
        cluster.start(1);
        cluster.start(2);
        for (int round = 0; round < 20; round++) {
            ConnectionManager three = cluster.start(3);
            byte[] fromTwo = payload("two-" + round);
            byte[] fromThree = payload("three-" + round);
            // A dial that fails (a handshake slower than the test's 500 ms bound on a loaded
            // machine) is retried by the next send, as an election's periodic re-sends do.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                if (!cluster.hasReceived(3, 2, fromTwo)) {
                    cluster.get(2).toSend(3, fromTwo);
                }
                if (!cluster.hasReceived(1, 3, fromThree)) {
                    three.toSend(1, fromThree);
                }
                assertThat(cluster.hasReceived(3, 2, fromTwo)).isTrue();
                assertThat(cluster.hasReceived(1, 3, fromThree)).isTrue();
            });
            cluster.stop(3);
        }

        ConnectionManager three = cluster.start(3);
        three.connectAll();
        // 2.5: sid 2 repeats its last payload on the new connection without being asked.
        await().atMost(WAIT).until(() -> cluster.hasReceived(3, 2, payload("two-19")));
    }

    @Test
    void threadsAndSocketsReturnToSteadyStateAfterAHundredConnectKillCycles() {
        cluster = new TestCluster(3);
        ConnectionManager one = cluster.start(1);
        ConnectionManager two = cluster.start(2);
        one.toSend(2, payload("steady"));
        await().atMost(WAIT).until(() -> cluster.hasReceived(2, 1, payload("steady")));
        for (int cycle = 0; cycle < 100; cycle++) {
            ConnectionManager three = cluster.start(3);
            three.toSend(1, payload("c" + cycle));
            three.toSend(2, payload("c" + cycle));
            int c = cycle;
            await().atMost(WAIT).until(() -> cluster.hasReceived(1, 3, payload("c" + c)) && cluster.hasReceived(2, 3, payload("c" + c)));
            cluster.stop(3);
        }

        await().atMost(WAIT).untilAsserted(() -> {
            for (ConnectionManager m : List.of(one, two)) {
                assertThat(m.connectedPeers()).hasSize(1);
                assertThat(m.openSocketCount()).isEqualTo(1);
                assertThat(m.threadCount()).as("listener + one reader/writer pair").isEqualTo(3);
            }
            assertThat(transportThreadsAlive()).isEqualTo(6);
        });
    }

    @Test
    void aSidThatWasNeverSentToIsNotDelivered() {
        cluster = new TestCluster(3);
        ConnectionManager one = cluster.start(1);
        assertThat(one.haveDelivered()).as("nothing was ever queued").isFalse();
        cluster.start(2);

        one.toSend(2, payload("x"));

        await().atMost(WAIT).until(one::haveDelivered);
    }

    @Test
    void refusesPayloadsThatCannotBeFramed() {
        cluster = new TestCluster(3);
        ConnectionManager one = cluster.start(1);

        assertThatThrownBy(() -> one.toSend(2, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> one.toSend(2, new byte[512 * 1024 + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listensOnAllIpsWhenAsked() {
        cluster = new TestCluster(3, c -> c.withListenOnAllIps(true));
        cluster.start(1);
        ConnectionManager two = cluster.start(2);

        two.toSend(1, payload("wild"));

        await().atMost(WAIT).until(() -> cluster.hasReceived(1, 2, payload("wild")));
    }
}
