package io.quorum.dist.cds;

import io.quorum.api.leadership.LeadershipListener;
import io.quorum.dist.status.SrvrClient;
import io.quorum.dist.status.StatusTarget;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.main.QuorumPeerMain;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The training run of {@link ClassDataArchive}: what a peer process does in its first seconds,
 * three times over in one JVM (start from a zoo.cfg, elect, sync, answer {@code srvr}), then a
 * failover (the leader stops, the others elect again), so that the classes of all of it are
 * loaded when the JVM archives them at exit. Exits 0 once both elections were seen, 1 otherwise.
 */
public final class ClassDataTraining {
    private static final int PEERS = 3;
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<PeerServer> peers = new ArrayList<>();
        List<AtomicLong> leading = new ArrayList<>();
        boolean done;
        try {
            List<Integer> ports = LoopbackPorts.distinct(3 * PEERS);
            for (int sid = 1; sid <= PEERS; sid++) {
                AtomicLong epoch = new AtomicLong(-1);
                PeerServer peer = QuorumPeerMain.start(config(work, sid, ports));
                peer.peer().addListener(listener(epoch));
                peers.add(peer);
                leading.add(epoch);
            }
            int first = awaitLeader(leading, 0, ports);
            peers.get(first).close();
            leading.get(first).set(-1);
            done = first >= 0 && awaitLeader(leading, 1, ports) >= 0;
        } finally {
            peers.forEach(PeerServer::close);
        }
        System.exit(done ? 0 : 1);
    }

    private static LeadershipListener listener(AtomicLong leadingEpoch) {
        return new LeadershipListener() {
            @Override
            public void leading(long epoch) {
                leadingEpoch.set(epoch);
            }

            @Override
            public void following(long leaderId, long epoch) {
                leadingEpoch.set(-1);
            }

            @Override
            public void looking() {
                leadingEpoch.set(-1);
            }
        };
    }

    /** The index of a peer leading an epoch after {@code afterEpoch}, once it answers srvr; -1 past the bound. */
    private static int awaitLeader(List<AtomicLong> leading, long afterEpoch, List<Integer> ports) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < leading.size(); i++) {
                if (leading.get(i).get() > afterEpoch) {
                    new SrvrClient(Duration.ofSeconds(1)).ask(StatusTarget.parse("127.0.0.1:" + ports.get(3 * i + 2)));
                    return i;
                }
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private static QuorumPeerConfig config(Path work, int sid, List<Integer> ports) throws IOException, ConfigException {
        Map<String, String> cfg = new HashMap<>(Map.of("tickTime", "200", "initLimit", "10", "syncLimit", "5"));
        for (int peer = 1; peer <= PEERS; peer++) {
            int base = 3 * (peer - 1);
            cfg.put("server." + peer, "127.0.0.1:" + ports.get(base) + ":" + ports.get(base + 1) + ";127.0.0.1:"
                    + ports.get(base + 2));
        }
        Path dataDir = Files.createDirectories(work.resolve("peer" + sid));
        Files.writeString(dataDir.resolve("myid"), Integer.toString(sid));
        cfg.put("dataDir", dataDir.toString());
        return QuorumPeerConfig.parse(cfg, work);
    }

    /** As the bench's DirectoryTrees.delete, which this package cannot use (harness depends on cds). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
