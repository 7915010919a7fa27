package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.main.QuorumPeerMain;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.transport.testing.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Whole peers in this JVM on loopback, as {@code quorum start} assembles them: every server line
 * with its own quorum, election and client port; each peer's data under {@code root/peer<sid>}.
 * Closing stops every peer still running.
 */
public final class LocalEnsemble implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Path root;
    private final Map<String, String> shared = new HashMap<>();
    private final Map<Long, int[]> ports = new HashMap<>();
    private final Map<Long, PeerServer> running = new TreeMap<>();

    /** {@code count} servers with tickTime 200, initLimit 10, syncLimit 5, and {@code settings} on top. */
    public LocalEnsemble(Path root, int count, Map<String, String> settings) {
        this.root = root;
        // Distinct ports: two servers on one port would misroute the election (LoopbackPorts).
        List<Integer> free = LoopbackPorts.forServers(3 * count);
        shared.put("tickTime", "200");
        shared.put("initLimit", "10");
        shared.put("syncLimit", "5");
        for (long sid = 1; sid <= count; sid++) {
            int base = (int) (3 * (sid - 1));
            int[] mine = {free.get(base), free.get(base + 1), free.get(base + 2)};
            ports.put(sid, mine);
            shared.put("server." + sid, "127.0.0.1:" + mine[0] + ":" + mine[1] + ";127.0.0.1:" + mine[2]);
        }
        shared.putAll(settings);
    }

    public int quorumPort(long sid) {
        return ports.get(sid)[0];
    }

    public int electionPort(long sid) {
        return ports.get(sid)[1];
    }

    public int clientPort(long sid) {
        return ports.get(sid)[2];
    }

    /** The zoo.cfg entries of peer {@code sid} (its dataDir included), before any per-peer change. */
    public Map<String, String> entries(long sid) throws Exception {
        Path dataDir = Files.createDirectories(root.resolve("peer" + sid));
        Files.writeString(dataDir.resolve("myid"), Long.toString(sid));
        Map<String, String> entries = new HashMap<>(shared);
        entries.put("dataDir", dataDir.toString());
        return entries;
    }

    public PeerServer start(long sid) throws Exception {
        return start(sid, Map.of());
    }

    /** Starts peer {@code sid} with {@code overrides} on top of the shared settings. */
    public PeerServer start(long sid, Map<String, String> overrides) throws Exception {
        Map<String, String> entries = entries(sid);
        entries.putAll(overrides);
        PeerServer server = QuorumPeerMain.start(QuorumPeerConfig.parse(entries, root));
        running.put(sid, server);
        return server;
    }

    public PeerServer get(long sid) {
        return running.get(sid);
    }

    public Map<Long, PeerServer> running() {
        return running;
    }

    public void stop(long sid) {
        PeerServer server = running.remove(sid);
        if (server != null) {
            server.close();
        }
    }

    /** Waits until one of {@code sids} leads {@code epoch} and the others follow it; returns its sid. */
    public long awaitLeader(long epoch, List<Long> sids) {
        return awaitLeader(OptionalLong.of(epoch), sids);
    }

    /** Waits until one of {@code sids} leads, in whatever epoch, and the others follow it; returns its sid. */
    public long awaitAnyLeader(List<Long> sids) {
        return awaitLeader(OptionalLong.empty(), sids);
    }

    private long awaitLeader(OptionalLong wanted, List<Long> sids) {
        await().atMost(WAIT).untilAsserted(() -> {
            long leader = leaderAmong(sids);
            long epoch = wanted.orElse(running.get(leader).peer().status().currentEpoch());
            for (long sid : sids) {
                PeerServer server = running.get(sid);
                assertThat(server.peer().status().state()).as("peer %d", sid)
                        .isEqualTo(sid == leader ? ServerState.LEADING : ServerState.FOLLOWING);
                assertThat(server.peer().status().leaderId()).as("peer %d's leader", sid).hasValue(leader);
                assertThat(server.peer().status().currentEpoch()).as("peer %d's epoch", sid).isEqualTo(epoch);
                assertThat(server.peer().status().isServing()).as("peer %d serving", sid).isTrue();
            }
        });
        return leaderAmong(sids);
    }

    /** As {@link #awaitLeader(long, List)} over every running peer. */
    public long awaitLeader(long epoch) {
        return awaitLeader(epoch, List.copyOf(running.keySet()));
    }

    private long leaderAmong(List<Long> sids) {
        return sids.stream().filter(sid -> running.get(sid).peer().status().state() == ServerState.LEADING)
                .findFirst().orElseThrow(() -> new AssertionError("no peer leads"));
    }

    @Override
    public void close() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}
