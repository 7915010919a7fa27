package io.quorum.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.view.PeerAddress;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.ops.BuildInfo;
import io.quorum.peer.ops.ClientPortServer;
import io.quorum.peer.ops.ClientPortSettings;
import io.quorum.peer.ops.ElectionAlgorithm;
import io.quorum.peer.ops.FourLetterWords;
import io.quorum.peer.ops.PeerStatus;
import io.quorum.transport.runtime.SystemTicker;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quorum status} against our own client-port servers on loopback, each answering srvr for
 * a peer in a state the test sets, plus a port nobody listens on.
 */
class StatusCommandTest {
    private static final String HOST = "127.0.0.1";
    private static final BuildInfo BUILD = new BuildInfo("0.1.0", "2025-01-31 09:15 UTC");
    private static final ElectionAlgorithm FAST = ElectionAlgorithm.numbered("fast", 3);

    @TempDir
    Path dir;
    private final List<ClientPortServer> servers = new ArrayList<>();
    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    @AfterEach
    void stopServers() {
        servers.forEach(ClientPortServer::close);
        assertThat(servers).allSatisfy(server -> assertThat(server.liveThreads()).isZero());
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void onePeerLeadingIsExitZeroWithOneLinePerPeer() throws Exception {
        int follower = serve(1, ServerState.FOLLOWING);
        int leader = serve(2, ServerState.LEADING);
        int looking = serve(3, ServerState.LOOKING);
        int dead = deadPort();

        int code = run("status", at(follower), at(leader), at(looking), at(dead));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(5).satisfiesExactly(
                header -> assertThat(header).startsWith("SID  ADDRESS").endsWith("ELECTION"),
                line -> assertThat(line).matches("1 +" + at(follower) + " +follower +0x200000000 +2 +2 +fast \\(3\\)"),
                line -> assertThat(line).matches("2 +" + at(leader) + " +leader +0x200000000 +2 +2 +fast \\(3\\)"),
                line -> assertThat(line).matches("- +" + at(looking) + " +not-serving +- +- +- +-"),
                line -> assertThat(line).matches("- +" + at(dead) + " +unreachable +- +- +- +- +\\(connection refused\\)"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutALeaderTheLinesArePrintedAndTheExitCodeIsOne() throws Exception {
        int follower = serve(1, ServerState.FOLLOWING);
        int looking = serve(3, ServerState.LOOKING);

        int code = run("status", at(follower), at(looking), at(deadPort()));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(4);
        assertThat(err.toString()).isEqualTo("quorum status: no peer reports Mode: leader" + System.lineSeparator());
    }

    @Test
    void theConfigFormAsksEveryServerAtTheClientPortOfItsLine() throws Exception {
        int one = serve(1, ServerState.FOLLOWING);
        int two = serve(2, ServerState.LEADING);
        int three = deadPort();
        Path data = Files.createDirectories(dir.resolve("status-data"));
        Files.writeString(data.resolve("myid"), "1");
        Path zooCfg = Files.write(dir.resolve("zoo.cfg"), List.of(
                "tickTime=2000", "initLimit=10", "syncLimit=5", "dataDir=" + data,
                "clientPort=" + one,
                "server.1=127.0.0.1:21901:22001",
                "server.2=127.0.0.1:21902:22002;" + two,
                "server.3=127.0.0.1:21903:22003;127.0.0.1:" + three));

        int code = run("status", "--config", zooCfg.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(4).satisfiesExactly(
                header -> assertThat(header).startsWith("SID"),
                line -> assertThat(line).matches("1 +" + at(one) + " +follower .*"),
                line -> assertThat(line).matches("2 +" + at(two) + " +leader .*"),
                // sid 3 does not answer, but the configuration names it.
                line -> assertThat(line).matches("3 +" + at(three) + " +unreachable .*"));
    }

    @Test
    void aConfigThatCannotBeUsedIsExitTwoWithTheProblem() throws Exception {
        Path zooCfg = Files.write(dir.resolve("zoo.cfg"), List.of("tickTime=2000", "dataDir=" + dir,
                "server.1=127.0.0.1:21901:22001"));

        assertThat(run("status", "--config", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("quorum status: " + zooCfg + ": " + dir.resolve("myid") + " file is missing");

        Files.writeString(dir.resolve("myid"), "1");
        assertThat(run("status", "--config", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("server.1 has no client port: give its line a ;clientPort part or set clientPort");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(run("status")).isEqualTo(2);
        assertThat(err.toString()).contains("give the peers' HOST:PORT addresses or --config ZOO_CFG");

        assertThat(run("status", "127.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for HOST:PORT: '127.0.0.1' is not host:port");

        assertThat(run("status", "127.0.0.1:2181", "--config", "zoo.cfg")).isEqualTo(2);
        assertThat(err.toString()).contains("give either HOST:PORT addresses or --config, not both");

        assertThat(run("status", "--timeout", "0", "127.0.0.1:2181")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout must be from 1 to 3600000 milliseconds, not 0");

        assertThat(run("status", "--timeout", "3600001", "127.0.0.1:2181")).isEqualTo(2);
        assertThat(err.toString()).contains("not 3600001");

        assertThat(run("status", "--timeout", "soon", "127.0.0.1:2181")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout");

        assertThat(run("status", "--colour", "127.0.0.1:2181")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    @Test
    void helpDescribesTheExitCodes() {
        assertThat(run("status", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: quorum status", "--config=ZOO_CFG", "HOST:PORT",
                "0   some peer reports Mode: leader", "1   no peer does");
    }

    private static String at(int port) {
        return HOST + ":" + port;
    }

    /** A port that was free a moment ago: connecting to it is refused. */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** Starts a client-port server answering for peer {@code sid} in {@code state} (leader 2); returns its port. */
    private int serve(long sid, ServerState state) throws IOException, ConfigException {
        QuorumPeerConfig config = config(sid);
        PeerStatus status = PeerStatus.starting(config, FAST, 1, 1, 0x1_0000_0005L, 0);
        if (state != ServerState.LOOKING) {
            long leader = state == ServerState.LEADING ? sid : 2;
            // Serving: elected, and the role's session synced (srvr shows a mode only then).
            status = status.elected(state, leader, Duration.ofMillis(12), 50).withEpochs(2, 2)
                    .withLastLoggedZxid(0x2_0000_0000L).establishedNow();
        }
        PeerStatus fixed = status;
        ClientPortServer server = new ClientPortServer(sid, new PeerAddress(HOST, 0), new FourLetterWords(config, BUILD),
                () -> fixed, ClientPortSettings.defaults(), SystemTicker.INSTANCE);
        servers.add(server);
        server.start();
        return server.localPort();
    }

    private QuorumPeerConfig config(long sid) throws IOException, ConfigException {
        Path data = Files.createDirectories(dir.resolve("peer-" + sid));
        Files.writeString(data.resolve("myid"), Long.toString(sid));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tickTime", "2000");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        entries.put("dataDir", data.toString());
        for (int i = 1; i <= 3; i++) {
            entries.put("server." + i, "127.0.0.1:" + (21900 + i) + ":" + (22000 + i));
        }
        return QuorumPeerConfig.parse(entries, data);
    }
}
