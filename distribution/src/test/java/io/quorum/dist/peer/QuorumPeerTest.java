package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.api.leadership.LeadershipListener;
import io.quorum.dist.harness.FourLetterWords;
import io.quorum.dist.harness.FourLetterWords.Mode;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.main.QuorumPeerMain;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.peer.wiring.PeerAssemblyException;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        // Usually sid 3; a peer that starts late may find the other two already decided.
        long leader = leaderSid();
        List<String> expected = new ArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            expected.add(sid == leader ? sid + " leads 1" : sid + " follows " + leader + " in 1");
        }
        assertThat(heard).containsExactlyInAnyOrderElementsOf(expected);
        long follower = leader == 1 ? 2 : 1;
        assertThat(running.get(follower).peer().status().currentEpoch()).isEqualTo(1);
        assertThat(running.get(follower).peer().history().acceptedEpoch()).isEqualTo(1);
        assertThat(running.get(leader).peer().history().lastLoggedZxid()).isEqualTo(1L << 32);
        assertThat(FourLetterWords.srvr(clientPorts.get(leader)).mode()).isEqualTo(Mode.LEADER);
        assertThat(FourLetterWords.srvr(clientPorts.get(follower)).mode()).isEqualTo(Mode.FOLLOWER);
    }

    @ParameterizedTest(name = "electionAlg={0}")
    @ValueSource(strings = {"3", "0"})
    void whenTheLeaderStopsTheOthersElectAgainAndItRejoinsAsAFollower(String electionAlg) throws Exception {
        Map<String, String> servers = servers(3);
        servers.put("electionAlg", electionAlg);
        for (long sid = 1; sid <= 3; sid++) {
            start(sid, servers);
        }
        long first = awaitLeader(1);

        running.remove(first).close();
        long second = awaitLeader(2);
        assertThat(second).isNotEqualTo(first);

        start(first, servers);
        assertThat(awaitLeader(2)).isEqualTo(second);
        assertThat(running.get(first).peer().history().acceptedEpoch()).isEqualTo(2);
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

    /** Waits until one running peer leads {@code epoch} and every other follows it; returns its sid. */
    private long awaitLeader(long epoch) {
        await().atMost(WAIT).untilAsserted(() -> {
            long leader = leaderSid();
            running.forEach((sid, server) -> {
                assertThat(server.peer().status().state()).as("peer %d", sid)
                        .isEqualTo(sid == leader ? ServerState.LEADING : ServerState.FOLLOWING);
                assertThat(server.peer().status().leaderId()).as("peer %d's leader", sid).hasValue(leader);
                assertThat(server.peer().status().currentEpoch()).as("peer %d's epoch", sid).isEqualTo(epoch);
                assertThat(server.peer().status().isServing()).as("peer %d serving", sid).isTrue();
            });
        });
        return leaderSid();
    }

    private long leaderSid() {
        return running.entrySet().stream()
                .filter(e -> e.getValue().peer().status().state() == ServerState.LEADING)
                .mapToLong(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no peer leads"));
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
    private Map<String, String> servers(int count) {
        // Distinct ports: two servers on one port would misroute the election (LoopbackPorts).
        List<Integer> ports = LoopbackPorts.forServers(3 * count);
        Map<String, String> entries = new HashMap<>();
        entries.put("tickTime", "200");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        for (long sid = 1; sid <= count; sid++) {
            int client = ports.get((int) (3 * sid - 1));
            clientPorts.put(sid, client);
            entries.put("server." + sid, "127.0.0.1:" + ports.get((int) (3 * sid - 3)) + ":"
                    + ports.get((int) (3 * sid - 2)) + ";127.0.0.1:" + client);
        }
        return entries;
    }
}
