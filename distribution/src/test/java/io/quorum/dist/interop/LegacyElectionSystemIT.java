package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our peer with the datagram algorithms, as an operator runs it (one JVM per peer, loopback,
 * observed only through {@code srvr}): electionAlg 0 (LeaderElection, UDP on the quorum port), 1
 * and 2 (AuthFastLeaderElection, UDP on the election port; 2 checks challenges) elect a stable
 * leader and, after kill -9 of that leader, a new one among the survivors.
 *
 * <p>Alg 2 runs here on one host with a distinct election port per peer, where ZooKeeper 3.4.14's
 * alg 2 never elects (PROTOCOL.md 5.2: its challenge table is keyed by the peer's IP and its own
 * port); ours keys it by the sender's id, resolved from its whole source address, so this test is
 * also the evidence that ours does.
 *
 * <p>Timings (launch to the first stable leader, cold JVMs included, and kill -9 to the next) are
 * logged as {@code timing electionAlg=...} lines. All six cases take about half a minute.
 */
class LegacyElectionSystemIT {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyElectionSystemIT.class);
    /** Cold JVMs on a loaded two-core machine, plus the algorithms' 1 s rounds and back-offs. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    /** Kept when a test fails: the peers' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @ParameterizedTest(name = "electionAlg={0}, {1} peers on one host")
    @CsvSource({"0, 3", "0, 5", "1, 3", "1, 5", "2, 3", "2, 5"})
    void peersElectAStableLeaderAndFailOverAfterKillMinus9(int alg, int size) throws IOException {
        long launched = System.nanoTime();
        try (Ensemble ensemble = Ensemble.start(ZooConfig.electing(alg), QuorumRuntime.INSTANCE, size, dir)) {
            // Usually the highest sid; start-up timing may legitimately make it another (a JVM that
            // starts late finds the others decided), so the test names no sid.
            PeerProcess leader = ensemble.awaitStableLeader(BOUND);
            long firstLeader = millisSince(launched);
            assertThat(ensemble.alive()).as(ensemble::describe).hasSize(size);

            long killed = System.nanoTime();
            leader.kill9();
            PeerProcess next = ensemble.awaitStableLeader(BOUND);
            long failover = millisSince(killed);
            LOG.info("timing electionAlg={} peers={}: launch -> stable leader {} in {} ms; kill -9 of {} -> stable"
                    + " leader {} in {} ms", alg, size, leader.sid(), firstLeader, leader.sid(), next.sid(), failover);
            assertThat(next.sid()).isNotEqualTo(leader.sid());
            assertThat(ensemble.alive()).hasSize(size - 1).contains(next);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
