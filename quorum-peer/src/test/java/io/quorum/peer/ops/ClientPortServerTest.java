package io.quorum.peer.ops;

import static io.quorum.peer.ops.OpsFixtures.BUILD;
import static io.quorum.peer.ops.OpsFixtures.config;
import static io.quorum.peer.ops.OpsFixtures.looking;
import static io.quorum.peer.ops.OpsFixtures.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.api.view.PeerAddress;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.transport.runtime.SystemTicker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class ClientPortServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_CONNECTIONS = 4;

    @TempDir
    Path dir;
    private QuorumPeerConfig config;
    private PeerStatusHolder status;
    private final Set<String> mdcPeers = ConcurrentHashMap.newKeySet();
    private ClientPortServer server;

    @BeforeEach
    void setUp() {
        config = config(dir, 1);
        status = new PeerStatusHolder(serving(config, ServerState.FOLLOWING));
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
            assertThat(server.liveThreads()).isZero();
        }
    }

    private int start(Duration readTimeout) throws IOException {
        ClientPortSettings settings = new ClientPortSettings(readTimeout, Duration.ofMillis(200), MAX_CONNECTIONS, 50);
        PeerStatusSource source = () -> {
            mdcPeers.add(String.valueOf(MDC.get("peer")));
            return status.current();
        };
        server = new ClientPortServer(1, new PeerAddress(LoopbackClient.HOST, 0), new FourLetterWords(config, BUILD),
                source, settings, SystemTicker.INSTANCE);
        server.start();
        return server.localPort();
    }

    /**
     * A port in the kernel's ephemeral range can be held by anyone's outgoing connection; the
     * error says so, since "Address already in use" alone sends an operator looking for a server.
     */
    @Test
    void aTakenPortInTheEphemeralRangeIsReportedWithTheLikelyCause() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackClient.HOST))) {
            int port = taken.getLocalPort();
            ClientPortSettings settings = new ClientPortSettings(Duration.ofSeconds(1), Duration.ofMillis(200), MAX_CONNECTIONS, 50);
            ClientPortServer blocked = new ClientPortServer(1, new PeerAddress(LoopbackClient.HOST, port),
                    new FourLetterWords(config, BUILD), status, settings, SystemTicker.INSTANCE);

            assertThatThrownBy(blocked::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot bind the client port to " + LoopbackClient.HOST + ":" + port)
                    .hasMessageContaining("lies in the kernel's ephemeral range");
            blocked.close();
        }
    }

    /**
     * A monitor asking one word after another is served by an idle handler; it used to leave a new
     * thread per connection until all MAX_CONNECTIONS handlers existed.
     */
    @Test
    void sequentialWordsReuseAnIdleHandler() throws IOException {
        int port = start(Duration.ofSeconds(2));

        for (int i = 0; i < 3 * MAX_CONNECTIONS; i++) {
            assertThat(LoopbackClient.ask(port, "ruok")).isEqualTo("imok");
        }

        assertThat(server.liveThreads()).as("the acceptor and fewer handlers than the limit")
                .isLessThan(1 + MAX_CONNECTIONS);
    }

    @Test
    void everyWordIsAnsweredWithTheLatestStatus() throws IOException {
        int port = start(Duration.ofSeconds(2));

        assertThat(LoopbackClient.ask(port, "ruok")).isEqualTo("imok");
        assertThat(LoopbackClient.ask(port, "srvr")).contains("\nMode: follower\n", "\nZxid: 0x200000000\n")
                .startsWith("Zookeeper version: quorum ");
        assertThat(LoopbackClient.ask(port, "stat")).contains("Clients:\n /127.0.0.1:", "\nMode: follower\n");
        assertThat(LoopbackClient.ask(port, "mntr")).contains("zk_server_state\tfollower\n", "zk_quorum_leader_id\t3\n");
        assertThat(LoopbackClient.ask(port, "conf")).startsWith("clientPort=" + port + "\n");

        status.publish(status.current().looking(OpsFixtures.STARTED_AT + 99));
        assertThat(LoopbackClient.ask(port, "srvr")).isEqualTo(FourLetterWords.NOT_SERVING);
        assertThat(LoopbackClient.ask(port, "ruok")).isEqualTo("imok");
        assertThat(mdcPeers).containsExactly("1");
    }

    @Test
    void theCountersCountWordsAndAnswers() throws IOException {
        int port = start(Duration.ofSeconds(2));
        LoopbackClient.ask(port, "ruok");
        LoopbackClient.ask(port, "xxxx");
        // The client sees EOF when the server half-closes; the server forgets the connection a
        // moment later, after the client's close arrives.
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
        // Received counts this srvr too; Sent counts the ruok only (xxxx got no answer).
        assertThat(LoopbackClient.ask(port, "srvr")).contains("\nReceived: 3\nSent: 1\nConnections: 1\n");
    }

    @Test
    void aWordWithATrailingNewlineAsNetcatSendsItIsAnswered() throws IOException {
        int port = start(Duration.ofSeconds(2));
        assertThat(LoopbackClient.exchange(port, "srvr\n".getBytes(StandardCharsets.US_ASCII)))
                .contains("\nMode: follower\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "sr", "srv", "envi", "SRVR", "GET / HTTP/1.1\r\n\r\n"})
    void shortOrUnknownInputIsClosedWithoutAnswer(String input) throws IOException {
        int port = start(Duration.ofSeconds(2));
        assertThat(LoopbackClient.exchange(port, input.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(LoopbackClient.ask(port, "ruok")).isEqualTo("imok");
    }

    @Test
    void aRealZooKeeperClientsConnectRequestIsClosedCleanly() throws IOException {
        int port = start(Duration.ofSeconds(2));
        try (LoopbackClient client = new LoopbackClient(port)) {
            // A real client keeps its side open waiting for a ConnectResponse that never comes.
            client.send(LoopbackClient.zooKeeperConnectRequest());
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void aSilentClientIsClosedAfterTheReadTimeout() throws IOException {
        int port = start(Duration.ofMillis(300));
        try (LoopbackClient client = new LoopbackClient(port)) {
            client.send("sr".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readToEnd()).isEmpty();
        }
        assertThat(LoopbackClient.ask(port, "ruok")).isEqualTo("imok");
    }

    @Test
    void twoHundredGarbageConnectionsThenSrvrIsStillAnswered() throws IOException {
        int port = start(Duration.ofSeconds(2));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            LoopbackClient.exchange(port, junk);
        }
        assertThat(LoopbackClient.ask(port, "srvr")).contains("\nMode: follower\n");
        // The accept thread and at most one thread per handler slot, however many connections came.
        assertThat(server.liveThreads()).isBetween(1, MAX_CONNECTIONS + 1);
    }

    @Test
    void whenEveryHandlerIsBusyANewConnectionIsClosedAtOnce() throws IOException {
        int port = start(Duration.ofSeconds(60));
        List<LoopbackClient> silent = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                silent.add(new LoopbackClient(port));
            }
            await().atMost(WAIT).until(() -> server.openConnections() == MAX_CONNECTIONS);
            try (LoopbackClient extra = new LoopbackClient(port)) {
                // Well before the 60 s read timeout: the extra connection was never queued.
                assertThat(extra.readToEnd()).isEmpty();
            }
        } finally {
            silent.forEach(LoopbackClient::close);
        }
        await().atMost(WAIT).until(() -> LoopbackClient.ask(port, "srvr").contains("\nMode: follower\n"));
    }

    @Test
    void closeEndsEveryThreadEvenWithClientsConnected() throws IOException {
        int port = start(Duration.ofSeconds(60));
        try (LoopbackClient hanging = new LoopbackClient(port)) {
            await().atMost(WAIT).until(() -> server.openConnections() == 1);
            server.close();
            assertThat(server.liveThreads()).isZero();
            assertThat(hanging.readToEnd()).isEmpty();
        }
        server.close();
    }

    @Test
    void aSecondStartIsRefused() throws IOException {
        start(Duration.ofSeconds(2));
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void lookingAnswersOnlyRuok() throws IOException {
        status.publish(looking(config));
        int port = start(Duration.ofSeconds(2));
        assertThat(LoopbackClient.ask(port, "mntr")).isEqualTo(FourLetterWords.NOT_SERVING);
        assertThat(LoopbackClient.ask(port, "conf")).isEqualTo(FourLetterWords.NOT_SERVING);
    }
}
