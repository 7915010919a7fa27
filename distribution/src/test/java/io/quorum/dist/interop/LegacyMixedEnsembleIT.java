package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.FreePorts;
import io.quorum.dist.harness.PeerAddress;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooConfig;
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
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interop with whole peers for the deprecated datagram algorithms: two real ZooKeeper 3.4.14
 * peers and one of ours, all with electionAlg 0 (LeaderElection: UDP on the quorum port, which
 * 3.4.14 binds on the wildcard address, beside the leader's TCP listener on the same port number)
 * or 1 (AuthFastLeaderElection: UDP on the election port, again the wildcard address), ours as
 * the lowest and as the highest sid. Every peer's {@code srvr} must agree on one leader, the
 * others following, and keep agreeing.
 *
 * <p>Not alg 2: ZooKeeper 3.4.14's alg 2 never elects on one host (PROTOCOL.md 5.2), so there is
 * nothing to agree with; {@link LegacyElectionSystemIT} shows that ours does.
 *
 * <p>The start order makes sid 3 lead, deterministically. Three peers started together need not
 * elect it: under alg 1 a peer decides for its own proposal as soon as it has every voter's vote,
 * whatever those votes say (3.4.14's rule, kept by ours), so a sid 3 that hears the others before
 * its notifications get through (they are in 3.4.14's 100 ms / 1 s back-off while the others'
 * JVMs start) leads while sids 1 and 2 may settle on 2; whoever gathers followers wins, and the
 * other looks again after initLimit. So two peers start first, sid 3 and another, which can only
 * agree on 3; the third joins their established leader. With ours as sid 3 the pair is ours and
 * ZooKeeper's sid 1 (a ZooKeeper peer elects ours and follows it), and ZooKeeper's sid 2 then
 * joins our leader; with ours as sid 1 the pair is ZooKeeper's, and ours joins it, finding the
 * leader through the answers of peers that are no longer looking.
 */
class LegacyMixedEnsembleIT {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyMixedEnsembleIT.class);
    private static final long EXPECTED_LEADER = 3;
    /** Cold ZooKeeper JVMs on a loaded two-core machine, plus the algorithms' 1 s rounds and back-offs. */
    private static final Duration STABLE_BOUND = Duration.ofSeconds(60);
    private static final Duration STAY_STABLE = Duration.ofSeconds(10);

    /** Kept when a test fails: the peers' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @ParameterizedTest(name = "electionAlg={0}, two ZooKeeper 3.4.14 peers, ours as sid {1}")
    @CsvSource({"0, 1", "0, 3", "1, 1", "1, 3"})
    void twoZooKeeper3414PeersAndOursAgreeOnTheLeaderAndStayStable(int alg, long ours) throws IOException {
        ZooKeeperVersion zookeeper = ZooKeeperVersion.V3_4_14;
        List<PeerAddress> view = FreePorts.peers(3);
        PeerAddress ourAddress = view.get((int) ours - 1);
        PeerAddress leaderAddress = view.get((int) EXPECTED_LEADER - 1);
        // The pair: sid 3 and the lowest other sid when ours leads (ours and ZooKeeper's sid 1),
        // both ZooKeeper peers when ours is sid 1. The one left out joins later.
        PeerAddress joiner = ourAddress == leaderAddress ? view.get(1) : ourAddress;
        List<PeerAddress> pair = view.stream().filter(peer -> peer != joiner).toList();
        try (Ensemble ensemble = Ensemble.start(ZooConfig.electing(alg), view, pair,
                peer -> peer == ourAddress ? QuorumRuntime.INSTANCE : zookeeper, dir)) {
            long launched = System.nanoTime();
            PeerProcess first = ensemble.awaitStableLeader(STABLE_BOUND);
            long paired = millisSince(launched);
            assertThat(first.sid()).as(ensemble::describe).isEqualTo(EXPECTED_LEADER);

            ensemble.launch(view, List.of(joiner), peer -> peer == ourAddress ? QuorumRuntime.INSTANCE : zookeeper, dir);
            long joinerLaunched = System.nanoTime();
            PeerProcess leader = awaitAllThree(ensemble);
            long joined = millisSince(joinerLaunched);
            assertThat(leader.sid()).as(ensemble::describe).isEqualTo(EXPECTED_LEADER);
            LOG.info("timing mixed electionAlg={} ours=sid {}: pair {} launch -> stable leader {} ({}) in {} ms;"
                    + " sid {} ({}) launch -> all three agree in {} ms", alg, ours, sids(pair), leader.sid(),
                    leader.runtime(), paired, joiner.sid(), ensemble.peer(joiner.sid()).runtime(), joined);

            await().during(STAY_STABLE).atMost(STAY_STABLE.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .failFast("the ensemble stopped agreeing", () -> !agrees(ensemble, leader))
                    .until(() -> true);
            assertThat(modes(ensemble)).as(ensemble::describe).containsEntry(EXPECTED_LEADER, Mode.LEADER)
                    .doesNotContainValue(Mode.NOT_SERVING).doesNotContainValue(Mode.UNREACHABLE);
        }
    }

    /** The stable leader once the joiner, too, is up and following: all three alive and agreeing. */
    private static PeerProcess awaitAllThree(Ensemble ensemble) {
        await().atMost(STABLE_BOUND).until(() -> ensemble.alive().size() < 3
                || ensemble.peers().stream().allMatch(peer -> isServing(peer.status().mode())));
        assertThat(ensemble.alive()).as(ensemble::describe).hasSize(3);
        return ensemble.awaitStableLeader(STABLE_BOUND);
    }

    private static boolean isServing(Mode mode) {
        return mode == Mode.LEADER || mode == Mode.FOLLOWER;
    }

    /** Every peer answers, the leader says leader and every other peer follower. */
    private static boolean agrees(Ensemble ensemble, PeerProcess leader) {
        Map<Long, Mode> modes = modes(ensemble);
        return modes.size() == 3 && modes.entrySet().stream()
                .allMatch(e -> e.getValue() == (e.getKey() == leader.sid() ? Mode.LEADER : Mode.FOLLOWER));
    }

    private static Map<Long, Mode> modes(Ensemble ensemble) {
        Map<Long, Mode> modes = new TreeMap<>();
        ensemble.peers().forEach(peer -> modes.put(peer.sid(), peer.status().mode()));
        return modes;
    }

    private static List<Long> sids(List<PeerAddress> peers) {
        return peers.stream().map(PeerAddress::sid).toList();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
