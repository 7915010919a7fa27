package io.quorum.dist.interop;

import io.quorum.dist.harness.PeerAddress;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * MixedElectionIT's fallback evidence, on log lines captured from real peers that decided
 * FOLLOWING our sid 3 and then failed to reach its (absent) quorum port.
 */
class MixedElectionLogEvidenceTest {

    private static final PeerAddress LEADER = new PeerAddress(3, 44581, 44795, 0);

    private static final String V3_9_5 = """
            00:39:43.525 [QuorumPeer[myid=1](plain=127.0.0.1:34521)(secure=disabled)] INFO org.apache.zookeeper.server.quorum.QuorumPeer - FOLLOWING
            00:39:43.557 [QuorumPeer[myid=1](plain=127.0.0.1:34521)(secure=disabled)] INFO org.apache.zookeeper.server.quorum.Learner - FOLLOWING - LEADER ELECTION TOOK - 263 MS
            00:39:43.569 [LeaderConnector-/127.0.0.1:44581] WARN org.apache.zookeeper.server.quorum.Learner - Unexpected exception, tries=0, remaining init limit=3998, connecting to /127.0.0.1:44581
            """;

    private static final String V3_4_14 = """
            00:39:48,861 INFO  [QuorumPeer[myid=1]/127.0.0.1:43345] QuorumPeer - FOLLOWING
            00:39:48,898 INFO  [QuorumPeer[myid=1]/127.0.0.1:43345] Learner - FOLLOWING - LEADER ELECTION TOOK - 320
            00:39:48,911 WARN  [QuorumPeer[myid=1]/127.0.0.1:43345] Learner - Unexpected exception, tries=0, connecting to /127.0.0.1:44581
            """;

    @Test
    void bothVersionsLogTheDecisionAndTheConnectToTheLeadersQuorumPort() {
        assertThat(MixedElectionIT.decidedFollowingInLog(V3_9_5, LEADER)).isTrue();
        assertThat(MixedElectionIT.decidedFollowingInLog(V3_4_14, LEADER)).isTrue();
    }

    @Test
    void aConnectToAnotherPortOrBeforeTheDecisionIsNoEvidence() {
        assertThat(MixedElectionIT.decidedFollowingInLog(V3_9_5.replace("44581", "44582"), LEADER)).isFalse();
        String connectBeforeDecision = V3_4_14.lines().skip(2).findFirst().orElseThrow() + "\n"
                + V3_4_14.lines().limit(2).reduce("", (a, b) -> a + b + "\n");
        assertThat(MixedElectionIT.decidedFollowingInLog(connectBeforeDecision, LEADER)).isFalse();
        assertThat(MixedElectionIT.decidedFollowingInLog("", LEADER)).isFalse();
    }
}
