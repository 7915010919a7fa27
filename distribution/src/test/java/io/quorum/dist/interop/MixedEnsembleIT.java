package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.FreePorts;
import io.quorum.dist.harness.PeerAddress;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooKeeperVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.dist.harness.FourLetterWords.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interop both ways with whole peers: two real ZooKeeper peers and one of ours (lowest, middle,
 * highest sid) form one ensemble. Sid 3 leads, so ZooKeeper followers sync from our leader when
 * ours is sid 3, and ours follows a ZooKeeper leader otherwise. The ensemble must become stable
 * and stay so, every peer's {@code srvr} agreeing, for 30 s.
 */
class MixedEnsembleIT {
    private static final Logger LOG = LoggerFactory.getLogger(MixedEnsembleIT.class);
    /** Cold ZooKeeper JVMs on a loaded two-core machine, plus 3.4.14's 1 s connect retries. */
    private static final Duration STABLE_BOUND = Duration.ofSeconds(60);
    private static final Duration STAY_STABLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(ZooKeeperVersion.values())
                .flatMap(version -> Stream.of(1L, 2L, 3L).map(ours -> Arguments.of(version, ours)));
    }

    @ParameterizedTest(name = "ZooKeeper {0}, ours as sid {1}")
    @MethodSource("cases")
    void twoZooKeeperPeersAndOursAgreeOnTheLeaderAndStaySynced(ZooKeeperVersion version, long ours)
            throws IOException {
        List<PeerAddress> view = FreePorts.peers(3);
        PeerAddress ourAddress = view.get((int) ours - 1);
        List<PeerAddress> theirs = view.stream().filter(peer -> peer != ourAddress).toList();
        // Whoever is up first with one other peer settles the leader (a legitimate outcome), so
        // the order is chosen: as sid 3 ours starts first and leads the ZooKeeper peers; as sid 1
        // or 2 it joins the two ZooKeeper peers once they serve, and follows their leader, 3.
        boolean oursLeads = ours == 3;
        try (Ensemble ensemble = Ensemble.start(view, oursLeads ? List.of(ourAddress) : theirs,
                peer -> peer == ourAddress ? QuorumRuntime.INSTANCE : version, dir)) {
            if (oursLeads) {
                PeerProcess ourPeer = ensemble.peer(ours);
                await().atMost(STABLE_BOUND).until(() -> ourPeer.status().mode() == Mode.NOT_SERVING);
                ensemble.launch(view, theirs, peer -> version, dir);
            } else {
                ensemble.awaitStableLeader(STABLE_BOUND);
                ensemble.launch(view, List.of(ourAddress), peer -> QuorumRuntime.INSTANCE, dir);
            }
            PeerProcess leader = ensemble.awaitStableLeader(STABLE_BOUND);
            assertThat(leader.sid()).isEqualTo(3);
            LOG.info("ZooKeeper {} with ours as sid {}: stable under leader {} ({})", version, ours, leader.sid(),
                    leader.runtime());

            await().during(STAY_STABLE).atMost(STAY_STABLE.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .failFast("the ensemble stopped agreeing", () -> !agrees(ensemble, leader))
                    .until(() -> true);
            assertThat(modes(ensemble)).containsValues(Mode.LEADER).doesNotContainValue(Mode.NOT_SERVING)
                    .doesNotContainValue(Mode.UNREACHABLE);
        }
    }

    /** Every peer answers, the leader says leader and every other peer follower. */
    private static boolean agrees(Ensemble ensemble, PeerProcess leader) {
        Map<Long, Mode> modes = modes(ensemble);
        return modes.entrySet().stream().allMatch(e -> e.getValue() == (e.getKey() == leader.sid() ? Mode.LEADER : Mode.FOLLOWER));
    }

    private static Map<Long, Mode> modes(Ensemble ensemble) {
        Map<Long, Mode> modes = new TreeMap<>();
        ensemble.peers().forEach(peer -> modes.put(peer.sid(), peer.status().mode()));
        return modes;
    }
}
