package io.quorum.dist.interop;

import io.quorum.dist.harness.DirectoryTrees;
import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.FreePorts;
import io.quorum.dist.harness.PeerAddress;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.QuorumRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.dist.harness.FourLetterWords.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our peer as an operator runs it: one JVM per peer ({@code QuorumPeerMain zoo.cfg}, -Xmx64m) on
 * loopback, observed only from outside through {@code srvr}, stopped with SIGTERM or SIGKILL.
 */
class QuorumPeerSystemIT {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumPeerSystemIT.class);
    /** A cold JVM per peer on a loaded two-core machine. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void peersElectServeFailOverAndTheKilledLeaderRejoinsAsAFollower(int size) throws IOException {
        try (Ensemble ensemble = Ensemble.start(QuorumRuntime.INSTANCE, size, dir)) {
            // Usually the highest sid; a JVM that starts late may find the others already decided.
            PeerProcess leader = ensemble.awaitStableLeader(BOUND);

            long killed = System.nanoTime();
            leader.kill9();
            PeerProcess next = ensemble.awaitStableLeader(BOUND);
            LOG.info("quorum, {} peers: kill -9 of leader {} -> stable leader {} in {} ms", size, leader.sid(),
                    next.sid(), (System.nanoTime() - killed) / 1_000_000);
            assertThat(next.sid()).isNotEqualTo(leader.sid());
            assertThat(ensemble.alive()).hasSize(size - 1);

            PeerProcess restarted = ensemble.restart(leader);
            assertThat(ensemble.awaitStableLeader(BOUND).sid()).isEqualTo(next.sid());
            assertThat(restarted.status().mode()).isEqualTo(Mode.FOLLOWER);
        }
    }

    /** `quorum bench` keeps its peers under --out, by default the relative bench-results. */
    @Test
    void anEnsembleUnderARelativeDirectoryElects() throws IOException {
        Path relative = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "relative-ensemble-");
        assertThat(relative.isAbsolute()).isFalse();
        try (Ensemble ensemble = Ensemble.start(QuorumRuntime.INSTANCE, 3, relative)) {
            assertThat(ensemble.awaitStableLeader(BOUND).sid()).isBetween(1L, 3L);
        } finally {
            DirectoryTrees.delete(relative);
        }
    }

    @Test
    void waitingForALeaderAmongPeersThatAllExitedFailsAtOnce() throws IOException {
        try (Ensemble ensemble = Ensemble.start(QuorumRuntime.INSTANCE, 3, dir)) {
            ensemble.peers().forEach(PeerProcess::kill9);

            assertThatThrownBy(() -> ensemble.awaitStableLeader(BOUND)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("every peer process has exited");
        }
    }

    @Test
    void rollingRestartsForwardAndBackwardKeepAServingQuorum() throws IOException {
        try (Ensemble ensemble = Ensemble.start(QuorumRuntime.INSTANCE, 3, dir)) {
            ensemble.awaitStableLeader(BOUND);
            List<Long> order = new ArrayList<>(List.of(1L, 2L, 3L));
            for (int round = 1; round <= 3; round++) {
                for (long sid : order) {
                    PeerProcess peer = ensemble.peer(sid);
                    peer.stop();
                    ensemble.awaitStableLeader(BOUND);
                    ensemble.restart(peer);
                    ensemble.awaitStableLeader(BOUND);
                    assertThat(ensemble.alive()).hasSize(3);
                }
                LOG.info("rolling restart round {} ({}) done", round, order);
                Collections.reverse(order);
            }
        }
    }

    @Test
    void anObserverNeverLeadsAndALeaderLeftWithOnlyObserversLooks() throws IOException {
        List<PeerAddress> view = new ArrayList<>(FreePorts.peers(4));
        view.set(3, view.get(3).asObserver());
        AtomicBoolean observerLed = new AtomicBoolean();
        try (Ensemble ensemble = Ensemble.start(view, view, peer -> QuorumRuntime.INSTANCE, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(BOUND);
            assertThat(leader.sid()).isLessThanOrEqualTo(3);
            PeerProcess observer = ensemble.peer(4);
            assertThat(observer.status().mode()).isEqualTo(Mode.OBSERVER);

            for (long sid = 1; sid <= 3; sid++) {
                if (sid != leader.sid()) {
                    ensemble.peer(sid).kill9();
                }
            }
            await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                observerLed.compareAndSet(false, observer.status().mode() == Mode.LEADER);
                assertThat(leader.status().mode()).isEqualTo(Mode.NOT_SERVING);
            });
            assertThat(observerLed).isFalse();
            assertThat(observer.status().mode()).isNotEqualTo(Mode.LEADER);
            assertThat(leader.isAlive()).isTrue();
        }
    }

    @Test
    void aPeerWhoseConfigLacksTheLeaderKeepsRunning() throws IOException {
        List<PeerAddress> view = FreePorts.peers(3);
        try (Ensemble others = Ensemble.startSome(QuorumRuntime.INSTANCE, view, view.subList(1, 3), dir)) {
            assertThat(others.awaitStableLeader(BOUND).sid()).isEqualTo(3);
            // ZOOKEEPER-2988: peer 1 knows only itself and peer 2, who follows 3.
            Path home = Files.createDirectories(dir.resolve("peer-1"));
            try (PeerProcess partial = PeerProcess.start(QuorumRuntime.INSTANCE, view.get(0), view.subList(0, 2), home)) {
                await().atMost(BOUND).until(() -> partial.status().mode() == Mode.NOT_SERVING);
                await().during(Duration.ofSeconds(3)).atMost(BOUND).until(
                        () -> partial.isAlive() && partial.status().mode() != Mode.UNREACHABLE);
                assertThat(others.awaitStableLeader(BOUND).sid()).isEqualTo(3);
                assertThat(partial.logText()).doesNotContain("Exception in thread");
            }
        }
    }
}
