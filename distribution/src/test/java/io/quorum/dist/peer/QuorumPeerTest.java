package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.api.leadership.LeadershipListener;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.runtime.QuorumPeer;
import io.quorum.peer.persist.DataDirRecovery;
import io.quorum.peer.persist.FileEpochStore;
import io.quorum.peer.persist.FileTxnLog;
import io.quorum.api.election.ElectionProvider;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's state loop over a real election on loopback, with sessions held by the test. */
class QuorumPeerTest {
    @TempDir
    Path root;

    private final List<QuorumPeer> peers = new ArrayList<>();
    private final List<FileTxnLog> logs = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        peers.forEach(QuorumPeer::close);
        for (FileTxnLog log : logs) {
            log.close();
        }
    }

    @Test
    void threePeersElectTheHighestIdAndTellTheirListeners() throws Exception {
        Map<String, String> servers = servers(3);
        List<String> heard = new CopyOnWriteArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            QuorumPeer peer = peer(sid, servers);
            long me = sid;
            peer.addListener(new LeadershipListener() {
                @Override
                public void leading(long epoch) {
                    heard.add(me + " leads " + epoch);
                }

                @Override
                public void following(long leaderId, long epoch) {
                    heard.add(me + " follows " + leaderId + " in " + epoch);
                }
            });
            peer.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() == 3);
        assertThat(heard).containsExactlyInAnyOrder("3 leads 1", "1 follows 3 in 1", "2 follows 3 in 1");
        assertThat(peers.get(2).status().state()).isEqualTo(ServerState.LEADING);
        assertThat(peers.get(0).status().epoch()).hasValue(1);
    }

    @Test
    void aLookingPeerStopsPromptly() throws Exception {
        QuorumPeer alone = peer(1, servers(3));
        alone.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> alone.status().state() == ServerState.LOOKING);

        long started = System.nanoTime();
        alone.close();

        // No notification time-out stands between a LOOKING peer and its shutdown.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(alone.status().state()).isEqualTo(ServerState.LOOKING);
    }

    private QuorumPeer peer(long sid, Map<String, String> servers) throws Exception {
        Path dataDir = Files.createDirectories(root.resolve("peer" + sid));
        Files.writeString(dataDir.resolve("myid"), Long.toString(sid));
        Map<String, String> entries = new HashMap<>(servers);
        entries.put("dataDir", dataDir.toString());
        QuorumPeerConfig config = QuorumPeerConfig.parse(entries, root);
        FileEpochStore epochs = FileEpochStore.open(dataDir);
        FileTxnLog log = FileTxnLog.open(dataDir);
        logs.add(log);
        PeerHistory history = new PeerHistory(epochs, log, DataDirRecovery.recover(epochs, log));
        ElectionProvider fast = ElectionRegistry.fromClassLoader(getClass().getClassLoader()).select("3");
        QuorumPeer peer = new QuorumPeer(config, history,
                context -> ElectionRuntime.startTcp(fast, context, ConnectionManagerConfig.defaults(sid, config.view())),
                new HoldingSessions());
        peers.add(peer);
        return peer;
    }

    private static Map<String, String> servers(int count) {
        // Distinct ports: two servers on one port would misroute the election (LoopbackPorts).
        List<Integer> ports = LoopbackPorts.distinct(1 + 2 * count);
        Map<String, String> entries = new HashMap<>();
        entries.put("tickTime", "200");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        entries.put("clientPort", Integer.toString(ports.get(0)));
        for (int sid = 1; sid <= count; sid++) {
            entries.put("server." + sid, "127.0.0.1:" + ports.get(2 * sid - 1) + ":" + ports.get(2 * sid));
        }
        return entries;
    }
}
