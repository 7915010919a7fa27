package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.api.leadership.LeadershipListener;
import io.quorum.dist.interop.FourLetterWords;
import io.quorum.dist.interop.FourLetterWords.Mode;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.main.QuorumPeerMain;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.peer.wiring.PeerAssemblyException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole peers in one JVM, assembled by Guice as {@code quorum start} assembles them: the election
 * on loopback, the Zab sessions on the quorum ports, the client port, listeners.
 */
class QuorumPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final Map<Long, PeerServer> running = new TreeMap<>();
    private final Map<Long, Integer> clientPorts = new HashMap<>();

    @AfterEach
    void stop() {
        running.values().forEach(PeerServer::close);
    }

    @Test
    void threePeersElectTheHighestIdSyncANewEpochAndTellTheirListeners() throws Exception {
        Map<String, String> servers = servers(3);
        List<String> heard = new CopyOnWriteArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            long me = sid;
            start(sid, servers).peer().addListener(new LeadershipListener() {
                @Override
                public void leading(long epoch) {
                    heard.add(me + " leads " + epoch);
                }

                @Override
                public void following(long leaderId, long epoch) {
                    heard.add(me + " follows " + leaderId + " in " + epoch);
                }
            });
        }

        await().atMost(WAIT).until(() -> heard.size() == 3);
        assertThat(heard).containsExactlyInAnyOrder("3 leads 1", "1 follows 3 in 1", "2 follows 3 in 1");
        assertThat(running.get(3L).peer().status().state()).isEqualTo(ServerState.LEADING);
        assertThat(running.get(1L).peer().status().currentEpoch()).isEqualTo(1);
        assertThat(running.get(1L).peer().history().acceptedEpoch()).isEqualTo(1);
        assertThat(running.get(3L).peer().history().lastLoggedZxid()).isEqualTo(1L << 32);
        assertThat(FourLetterWords.srvr(clientPorts.get(3L)).mode()).isEqualTo(Mode.LEADER);
        assertThat(FourLetterWords.srvr(clientPorts.get(1L)).mode()).isEqualTo(Mode.FOLLOWER);
    }

    @ParameterizedTest(name = "electionAlg={0}")
    @ValueSource(strings = {"3", "0"})
    void whenTheLeaderStopsTheOthersElectAgainAndItRejoinsAsAFollower(String electionAlg) throws Exception {
        Map<String, String> servers = servers(3);
        servers.put("electionAlg", electionAlg);
        for (long sid = 1; sid <= 3; sid++) {
            start(sid, servers);
        }
        awaitRoles(Map.of(1L, ServerState.FOLLOWING, 2L, ServerState.FOLLOWING, 3L, ServerState.LEADING), 1);

        running.remove(3L).close();
        awaitRoles(Map.of(1L, ServerState.FOLLOWING, 2L, ServerState.LEADING), 2);

        start(3, servers);
        awaitRoles(Map.of(1L, ServerState.FOLLOWING, 2L, ServerState.LEADING, 3L, ServerState.FOLLOWING), 2);
        assertThat(running.get(3L).peer().history().acceptedEpoch()).isEqualTo(2);
    }

    @Test
    void aLookingPeerStopsPromptly() throws Exception {
        PeerServer alone = start(1, servers(3));
        await().atMost(WAIT).until(() -> FourLetterWords.srvr(clientPorts.get(1L)).mode() == Mode.NOT_SERVING);
        long started = System.nanoTime();
        alone.close();

        // No notification time-out stands between a LOOKING peer and its shutdown.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(FourLetterWords.srvr(clientPorts.get(1L)).mode()).isEqualTo(Mode.UNREACHABLE);
    }

    @Test
    void anUnknownElectionAlgorithmStopsThePeerWithWhatIsInstalled() throws Exception {
        Map<String, String> servers = servers(3);
        servers.put("electionAlg", "fastest");
        assertThatThrownBy(() -> start(1, servers))
                .isInstanceOf(PeerAssemblyException.class)
                .hasMessageContaining("fastest")
                .hasMessageContaining("fast");
    }

    @Test
    void aCorruptEpochFileStopsThePeerNamingTheFile() throws Exception {
        Map<String, String> servers = servers(3);
        Path dataDir = Files.createDirectories(root.resolve("peer1/version-2"));
        Files.writeString(dataDir.resolve("currentEpoch"), "not a number");
        assertThatThrownBy(() -> start(1, servers))
                .isInstanceOf(PeerAssemblyException.class)
                .hasMessageContaining("currentEpoch");
    }

    private void awaitRoles(Map<Long, ServerState> expected, long epoch) {
        await().atMost(WAIT).untilAsserted(() -> expected.forEach((sid, state) -> {
            assertThat(running.get(sid).peer().status().state()).as("peer %d", sid).isEqualTo(state);
            assertThat(running.get(sid).peer().status().currentEpoch()).as("peer %d epoch", sid).isEqualTo(epoch);
        }));
    }

    private PeerServer start(long sid, Map<String, String> servers) throws Exception {
        Path dataDir = Files.createDirectories(root.resolve("peer" + sid));
        Files.writeString(dataDir.resolve("myid"), Long.toString(sid));
        Map<String, String> entries = new HashMap<>(servers);
        entries.put("dataDir", dataDir.toString());
        QuorumPeerConfig config = QuorumPeerConfig.parse(entries, root);
        PeerServer server = QuorumPeerMain.start(config);
        running.put(sid, server);
        return server;
    }

    /** Each server line carries its own client port, so that peers in one JVM do not share one. */
    private Map<String, String> servers(int count) throws IOException {
        Map<String, String> entries = new HashMap<>();
        entries.put("tickTime", "200");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        for (long sid = 1; sid <= count; sid++) {
            int client = freePort();
            clientPorts.put(sid, client);
            entries.put("server." + sid, "127.0.0.1:" + freePort() + ":" + freePort() + ";127.0.0.1:" + client);
        }
        return entries;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
