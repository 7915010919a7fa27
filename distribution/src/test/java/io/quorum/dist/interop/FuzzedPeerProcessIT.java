package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.QuorumRuntime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.dist.fuzz.FuzzCampaign;
import io.quorum.dist.fuzz.FuzzCases;
import io.quorum.dist.fuzz.PortFuzzer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fuzzing campaign's TCP inputs against real peer processes with -Xmx64m: each port kind of
 * a three-peer electionAlg=3 ensemble gets its cases and a flood, after which every process is
 * alive, the ensemble still has a stable leader, a kill -9 of that leader is followed by a new
 * one, and no log shows an out-of-memory error or a thread that died.
 */
class FuzzedPeerProcessIT {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzedPeerProcessIT.class);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int CASES_PER_PORT = Integer.getInteger("quorum.fuzz.process.cases", 1_500);

    @TempDir
    Path dir;

    @Test
    void peersWithASixtyFourMebibyteHeapSurviveFuzzingAndStillElect() throws Exception {
        try (Ensemble ensemble = Ensemble.start(QuorumRuntime.INSTANCE, 3, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(BOUND);
            List<PortFuzzer.Result> results = new ArrayList<>();
            int share = CASES_PER_PORT / 3;
            for (PeerProcess peer : ensemble.peers()) {
                results.add(PortFuzzer.tcp("election port of " + peer.sid(), local(peer.address().electionPort()),
                        FuzzCampaign.ATTACKER, share, 100_000L * peer.sid(), 4, FuzzCases::electionTcp));
                results.add(PortFuzzer.tcp("client port of " + peer.sid(), local(peer.address().clientPort()),
                        FuzzCampaign.ATTACKER, share, 200_000L * peer.sid(), 4, FuzzCases::clientPort));
                results.add(PortFuzzer.flood("election port of " + peer.sid(), local(peer.address().electionPort()), 300));
            }
            results.add(PortFuzzer.tcp("quorum port of leader " + leader.sid(), local(leader.address().quorumPort()),
                    FuzzCampaign.ATTACKER, CASES_PER_PORT, 300_000L, 4, FuzzCases::quorumPort));
            results.add(PortFuzzer.flood("quorum port of leader", local(leader.address().quorumPort()), 300));
            results.forEach(result -> LOG.info("{}", result));
            assertThat(results).allSatisfy(result -> assertThat(result.failures()).as(result.toString()).isZero());

            assertThat(ensemble.alive()).hasSize(3);
            PeerProcess stable = ensemble.awaitStableLeader(BOUND);
            stable.kill9();
            PeerProcess next = ensemble.awaitStableLeader(BOUND);
            assertThat(next.sid()).isNotEqualTo(stable.sid());
            for (PeerProcess peer : ensemble.peers()) {
                assertThat(peer.logText()).as("log of peer %d", peer.sid())
                        .doesNotContain("OutOfMemoryError", "Exception in thread", " died");
            }
        }
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
