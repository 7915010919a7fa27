package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.ZooKeeperVersion;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.dist.harness.FourLetterWords.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smoke tests of the harness: unmodified ZooKeeper releases, three peers each, elect and fail
 * over on loopback. The logged timings are the reference our own election is compared with.
 */
class ZooKeeperEnsembleIT {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperEnsembleIT.class);
    /** Generous: a cold JVM start on a loaded two-core machine, plus 3.4.14's 1 s connect retry. */
    private static final Duration ELECTION_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ZooKeeperVersion.class)
    void threePeersElectOneLeaderAndTwoFollowers(ZooKeeperVersion version) throws IOException {
        long started = System.nanoTime();
        try (Ensemble ensemble = Ensemble.start(version, 3, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(ELECTION_BOUND);
            LOG.info("ZooKeeper {}: launch -> stable leader (sid {}) in {} ms",
                    version, leader.sid(), millisSince(started));

            assertThat(ensemble.peers())
                    .filteredOn(peer -> peer != leader)
                    .allSatisfy(peer -> assertThat(peer.status().mode()).isEqualTo(Mode.FOLLOWER));
        }
    }

    @Test
    void killingTheLeaderElectsANewOneAmongTheSurvivors() throws IOException {
        try (Ensemble ensemble = Ensemble.start(ZooKeeperVersion.V3_9_5, 3, dir)) {
            PeerProcess oldLeader = ensemble.awaitStableLeader(ELECTION_BOUND);

            long killed = System.nanoTime();
            oldLeader.kill9();
            PeerProcess newLeader = ensemble.awaitStableLeader(ELECTION_BOUND);
            LOG.info("ZooKeeper 3.9.5: kill -9 of leader sid {} -> new stable leader sid {} in {} ms",
                    oldLeader.sid(), newLeader.sid(), millisSince(killed));

            assertThat(newLeader.sid()).isNotEqualTo(oldLeader.sid());
            assertThat(ensemble.alive()).hasSize(2).contains(newLeader);
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
