package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.PeerRuntime;
import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooKeeperVersion;
import io.quorum.dist.harness.FourLetterWords;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.TestCertificates;
import io.quorum.transport.tls.ThrowawayPki;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sslQuorum against ZooKeeper 3.9.5's own quorum TLS: two ZooKeeper peers and ours, all with
 * {@code sslQuorum=true} and certificates from one throw-away CA, elect one leader over TLS
 * election and quorum connections, elect again after a kill -9 of that leader, and take it back
 * as a follower.
 */
class TlsMixedEnsembleIT {
    private static final Logger LOG = LoggerFactory.getLogger(TlsMixedEnsembleIT.class);
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A runtime with the TLS keys added to its zoo.cfg. */
    private record WithTls(PeerRuntime runtime, List<String> tlsLines) implements PeerRuntime {
        @Override
        public List<String> jvmArguments(Path peerDir) throws IOException {
            return runtime.jvmArguments(peerDir);
        }

        @Override
        public String classPath() {
            return runtime.classPath();
        }

        @Override
        public String mainClass() {
            return runtime.mainClass();
        }

        @Override
        public List<String> extraConfig() {
            List<String> lines = new ArrayList<>(runtime.extraConfig());
            lines.addAll(tlsLines);
            return lines;
        }

        @Override
        public String toString() {
            return runtime + " over TLS";
        }
    }

    @Test
    void zooKeeperPeersAndOursElectAndFailOverOverMutualTls() throws IOException {
        ThrowawayPki ca = TestCertificates.trusted();
        List<String> tls = ca.zooCfgLines(TestCertificates.peerKeyStore());
        PeerRuntime zooKeeper = new WithTls(ZooKeeperVersion.V3_9_5, tls);
        PeerRuntime ours = new WithTls(QuorumRuntime.INSTANCE, tls);
        try (Ensemble ensemble = Ensemble.start(List.of(zooKeeper, zooKeeper, ours), dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(BOUND);
            LOG.info("over TLS: leader {} ({})", leader.sid(), leader.runtime());
            assertThat(ensemble.peer(3).logText()).contains("quorum TLS: TLSv1.3");

            leader.kill9();
            PeerProcess next = ensemble.awaitStableLeader(BOUND);
            LOG.info("over TLS, after kill -9 of {}: leader {} ({})", leader.sid(), next.sid(), next.runtime());
            assertThat(next.sid()).isNotEqualTo(leader.sid());
            assertThat(ensemble.alive()).hasSize(2);

            // The killed peer comes back and follows (ours following ZooKeeper, when ours led first).
            PeerProcess restarted = ensemble.restart(leader);
            assertThat(ensemble.awaitStableLeader(BOUND).sid()).isEqualTo(next.sid());
            assertThat(restarted.status().mode()).isEqualTo(FourLetterWords.Mode.FOLLOWER);
        }
    }
}
