package io.quorum.peer.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our leader core and our learner cores talking through bytes, including the SNAP stream. */
class HandshakeWiringTest {
    private static final SessionTimings TIMINGS = SessionTimings.ofMillis(2000, 10, 5);

    @Test
    void aLearnerBehindTheLeaderSyncsFromOurEmptySnapshotAndBothEstablish() {
        RecordingOutbox leaderOut = new RecordingOutbox();
        LeaderHandshake leader = new LeaderHandshake(2, LeaderHandshakeTest.view(3), 3, 3, 0x300000002L, TIMINGS);
        leader.lead(0, leaderOut);
        RecordingOutbox learnerOut = new RecordingOutbox();
        LearnerHandshake learner = new LearnerHandshake(1, false, 2, 2, 0x200000009L, TIMINGS);
        leader.learnerConnected(1, 0, leaderOut);
        learner.connected(0, learnerOut);

        for (int round = 0; round < 5; round++) {
            toLeader(learnerOut, leader, leaderOut);
            toLearner(leaderOut, learner, learnerOut);
        }

        assertThat(learner.isEstablished()).isTrue();
        assertThat(leader.isEstablished()).isTrue();
        assertThat(learnerOut.history).contains("synced SNAP 0x300000002", "persistCurrentEpoch 4", "established 4");
        assertThat(leaderOut.history).contains("established 4");
    }

    /** Hands every packet the learner sent to the leader, decoded from its bytes. */
    private static void toLeader(RecordingOutbox learnerOut, LeaderHandshake leader, RecordingOutbox leaderOut) {
        for (String effect : learnerOut.drain()) {
            if (effect.startsWith("send ")) {
                byte[] bytes = HexFormat.of().parseHex(effect.substring(5));
                leader.onPacket(1, QuorumPacketCodec.standard().decode(bytes).toOptional().orElseThrow(), 1, leaderOut);
            }
        }
    }

    /** Hands every byte the leader wrote to connection 1 to the learner as one stream. */
    private static void toLearner(RecordingOutbox leaderOut, LearnerHandshake learner, RecordingOutbox learnerOut) {
        List<String> writes = leaderOut.drain().stream().filter(e -> e.startsWith("send 1 ") || e.startsWith("sendRaw 1 "))
                .map(e -> e.substring(e.lastIndexOf(' ') + 1)).toList();
        byte[] bytes = HexFormat.of().parseHex(String.join("", writes));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        learner.onBytes(in, 1, learnerOut);
        assertThat(in.hasRemaining()).isFalse();
    }
}
