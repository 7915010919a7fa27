package io.quorum.peer.session;

import static io.quorum.peer.session.RecordingOutbox.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.testing.GoldenVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader core: the 3.4.14 leader's bytes, the epoch rules of Zab1_0Test, timeouts and quorums. */
class LeaderHandshakeTest {
    private static final long MS = 1_000_000L;
    /** tickTime 2000, initLimit 10, syncLimit 5. */
    private static final SessionTimings TIMINGS = SessionTimings.ofMillis(2000, 10, 5);

    private final RecordingOutbox out = new RecordingOutbox();

    static QuorumView view(int voters, int... observers) {
        List<QuorumServer> servers = new ArrayList<>();
        for (int id = 1; id <= voters; id++) {
            servers.add(QuorumServer.participant(id, new PeerAddress("127.0.0.1", 2880 + id), new PeerAddress("127.0.0.1", 3880 + id)));
        }
        for (int id : observers) {
            servers.add(QuorumServer.observer(id, new PeerAddress("127.0.0.1", 2880 + id), new PeerAddress("127.0.0.1", 3880 + id)));
        }
        return QuorumView.majority(servers);
    }

    private static String sent(long conn, String vector) {
        return "send " + conn + " " + hex(GoldenVectors.load("zab-3.4.14-" + vector + ".hex").bytes());
    }

    private static String sent(long conn, QuorumPacket packet) {
        return "send " + conn + " " + hex(QuorumPacketCodec.encode(packet));
    }

    private static QuorumPacket info(long sid, long acceptedEpoch) {
        return QuorumPacket.of(PacketType.FOLLOWERINFO, acceptedEpoch << 32, LearnerInfo.v34(sid).encode());
    }

    private static QuorumPacket ackEpoch(long zxid, int currentEpoch) {
        return QuorumPacket.withInt(PacketType.ACKEPOCH, zxid, currentEpoch);
    }

    private static QuorumPacket ack(long epoch) {
        return QuorumPacket.of(PacketType.ACK, epoch << 32, null);
    }

    private LeaderHandshake leader(QuorumView view, long accepted, long current, long lastZxid) {
        LeaderHandshake leader = new LeaderHandshake(2, view, accepted, current, lastZxid, TIMINGS);
        leader.lead(0, out);
        out.drain();
        return leader;
    }

    /** Learner {@code sid} on connection {@code sid} goes through the whole handshake. */
    private void join(LeaderHandshake leader, long sid, long epoch, long now) {
        leader.learnerConnected(sid, now, out);
        leader.onPacket(sid, info(sid, 0), now, out);
        leader.onPacket(sid, ackEpoch(0, 0), now, out);
        leader.onPacket(sid, ack(epoch), now, out);
        leader.onPacket(sid, ack(epoch), now, out);
    }

    /** ZOOKEEPER-3109: with a quorum still possible the leader waits; without one it gives up at once. */
    @Test
    void votersGoingBackToLookingEndTheSessionOnlyWhenNoQuorumIsLeft() {
        LeaderHandshake leader = leader(view(5), 0, 0, 0);
        leader.voterLooking(1, MS, out);
        leader.voterLooking(3, MS, out);
        assertThat(out.drain()).isEmpty();
        assertThat(leader.isEnded()).isFalse();

        leader.voterLooking(4, 2 * MS, out);

        assertThat(out.drain()).singleElement().asString()
                .startsWith("lost voters [1, 3, 4] went back to LOOKING before epoch ? was established");
        assertThat(leader.isEnded()).isTrue();
    }

    @Test
    void aVoterThatRegisteredOrAnEstablishedEpochIsNotGivenUpOn() {
        LeaderHandshake leader = leader(view(3), 0, 0, 0);
        join(leader, 1, 1, MS);
        assertThat(leader.isEstablished()).isTrue();
        out.drain();

        leader.voterLooking(1, 2 * MS, out);
        leader.voterLooking(3, 2 * MS, out);

        assertThat(out.drain()).isEmpty();
        assertThat(leader.isEnded()).isFalse();
    }

    @Test
    void freshLeaderWithTwoFollowersSendsTheCaptured3414Bytes() {
        LeaderHandshake leader = leader(view(3), 0, 0, 0);

        leader.learnerConnected(1, 1 * MS, out);
        leader.onPacket(1, info(1, 0), 1 * MS, out);
        // Sid 1 and the leader are a quorum of 3: the epoch is fixed, on disk before LEADERINFO.
        assertThat(out.drain()).containsExactly("persistAcceptedEpoch 1", "setTimer HANDSHAKE " + 20_001 * MS,
                sent(1, "leaderinfo"));

        leader.learnerConnected(3, 2 * MS, out);
        leader.onPacket(3, info(3, 0), 2 * MS, out);
        assertThat(out.drain()).containsExactly(sent(3, "leaderinfo"));

        leader.onPacket(1, ackEpoch(0, 0), 3 * MS, out);
        // NEWLEADER leaves before the leader's own currentEpoch write, so that the learners'
        // writes overlap it; the leader counts itself only after its write.
        assertThat(out.drain()).containsExactly("setTimer HANDSHAKE " + 20_003 * MS, sent(1, "diff-empty"),
                sent(1, "newleader"), "persistCurrentEpoch 1");

        leader.onPacket(3, ackEpoch(0, 0), 4 * MS, out);
        assertThat(out.drain()).containsExactly(sent(3, "diff-empty"), sent(3, "newleader"));

        leader.onPacket(3, ack(1), 5 * MS, out);
        assertThat(out.drain()).containsExactly(sent(3, "uptodate"), "logEpochStart 0x100000000", "established 1");
        assertThat(leader.isEstablished()).isTrue();

        leader.onPacket(1, ack(1), 6 * MS, out);
        assertThat(out.drain()).containsExactly(sent(1, "uptodate"));

        leader.onPacket(1, ack(1), 6 * MS, out);
        leader.onPacket(3, ack(1), 6 * MS, out);
        leader.onTimer(SessionTimer.PING, 1_000 * MS, out);
        assertThat(out.drain()).containsExactly(sent(1, "ping-leader"), sent(3, "ping-leader"),
                "setTimer PING " + 2_000 * MS);
    }

    @Test
    void secondElectionDiffsAFollowerThatIsInSync() {
        LeaderHandshake leader = leader(view(3), 1, 1, 0x100000006L);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 1), 0, out);
        leader.onPacket(1, ackEpoch(0x100000006L, 1), 0, out);

        assertThat(out.drain()).contains("persistAcceptedEpoch 2", sent(1, "diff-epoch1"),
                sent(1, QuorumPacket.of(PacketType.NEWLEADER, 0x200000000L, null)));
    }

    @Test
    void newEpochIsOneMoreThanTheLargestAcceptedEpochOfTheLeaderAndEveryRegisteredLearner() {
        // Zab1_0Test.testLeaderBehind: a follower at epoch 20 makes the leader at 5 propose 21.
        LeaderHandshake leader = leader(view(5), 5, 5, 0);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 20), 0, out);
        assertThat(out.drain()).isEmpty();
        leader.learnerConnected(3, 0, out);
        leader.onPacket(3, info(3, 7), 0, out);

        assertThat(out.drain()).startsWith("persistAcceptedEpoch 21");
        assertThat(leader.newEpoch()).isEqualTo(21);
    }

    @Test
    void anAckEpochOfMinusOneIsNotCountedAndInitLimitExpires() {
        LeaderHandshake leader = leader(view(3), 0, 0, 0);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 0), 0, out);
        leader.onPacket(1, ackEpoch(0, -1), 0, out);
        assertThat(out.drain()).doesNotContain("persistCurrentEpoch 1");

        leader.onTimer(SessionTimer.HANDSHAKE, 19_999 * MS, out);
        assertThat(out.drain()).containsExactly("setTimer HANDSHAKE " + 20_000 * MS);
        leader.onTimer(SessionTimer.HANDSHAKE, 20_000 * MS, out);
        assertThat(out.drain()).singleElement().asString().startsWith("lost no quorum of ACKEPOCH for epoch 1");
    }

    /**
     * Regression (found by the peer-level simulation, 10,000 seeds): the leader used to end its
     * whole session when a learner's ACKEPOCH was ahead of it. A learner that can never win an
     * election (here an observer; a zero-weight voter too) holding a longer log then stopped every
     * leader as soon as it connected, and no leader was ever established. ZooKeeper's
     * waitForEpochAck throws in that learner's LearnerHandler only: the learner is dropped, the
     * leader gathers its quorum from the others.
     */
    @Test
    void aLearnerAheadOfTheLeaderIsDroppedAndTheOthersStillEstablishTheEpoch() {
        LeaderHandshake leader = leader(view(3, 4), 1, 1, 0x100000003L);
        leader.learnerConnected(4, 0, out);
        leader.onPacket(4, QuorumPacket.of(PacketType.OBSERVERINFO, 1L << 32, LearnerInfo.v34(4).encode()), 0, out);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 1), 0, out);
        out.drain();

        leader.onPacket(4, ackEpoch(0x100000004L, 1), 0, out);
        assertThat(out.drain()).containsExactly("close 4");
        assertThat(leader.isEnded()).isFalse();

        leader.onPacket(1, ackEpoch(0x100000003L, 1), 0, out);
        leader.onPacket(1, ack(2), 0, out);
        assertThat(leader.isEstablished()).isTrue();
        assertThat(out.drain()).contains("established 2");
    }

    @Test
    void aLearnerAheadAfterTheEpochQuorumIsTruncatedLikeAnyLateLearner() {
        LeaderHandshake leader = leader(view(3), 1, 1, 0x100000003L);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 1), 0, out);
        leader.onPacket(1, ackEpoch(0x100000003L, 1), 0, out);
        leader.learnerConnected(3, 0, out);
        leader.onPacket(3, info(3, 1), 0, out);
        out.drain();

        leader.onPacket(3, ackEpoch(0x100000009L, 1), 0, out);

        assertThat(out.drain()).contains(sent(3, QuorumPacket.of(PacketType.TRUNC, 0x100000003L, null)));
    }

    @Test
    void aLateLearnerIsWalkedThroughAloneAndThenPinged() {
        LeaderHandshake leader = leader(view(3), 0, 0, 0);
        join(leader, 1, 1, 0);
        out.drain();

        leader.learnerConnected(3, 10 * MS, out);
        leader.onPacket(3, info(3, 0), 10 * MS, out);
        leader.onPacket(3, ackEpoch(0, 0), 11 * MS, out);
        leader.onPacket(3, ack(1), 12 * MS, out);
        assertThat(out.drain()).containsExactly(sent(3, "leaderinfo"), sent(3, "diff-empty"), sent(3, "newleader"),
                sent(3, "uptodate"));

        leader.onPacket(3, ack(1), 13 * MS, out);
        leader.onTimer(SessionTimer.PING, 1_000 * MS, out);
        assertThat(out.drain()).contains(sent(3, "ping-leader"));
    }

    @Test
    void aSilentLearnerIsDroppedAfterSyncLimitAndTheQuorumLossEndsTheSession() {
        LeaderHandshake leader = leader(view(3), 0, 0, 0);
        join(leader, 1, 1, 0);
        join(leader, 3, 1, 0);
        out.drain();

        leader.onPacket(3, QuorumPacket.of(PacketType.PING, 0x100000000L, new byte[0]), 6_000 * MS, out);
        leader.onTimer(SessionTimer.PING, 10_000 * MS, out);
        assertThat(out.drain()).containsExactly("close 1", sent(3, "ping-leader"), "setTimer PING " + 11_000 * MS);

        leader.learnerDisconnected(3, 10_500 * MS, out);
        leader.onTimer(SessionTimer.PING, 11_000 * MS, out);
        assertThat(out.drain()).singleElement().asString().startsWith("lost lost the quorum: only [2]");
    }

    @Test
    void initLimitExpiresWithoutAQuorumOfFollowerInfo() {
        LeaderHandshake leader = leader(view(5), 0, 0, 0);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 0), 0, out);

        leader.onTimer(SessionTimer.HANDSHAKE, 20_000 * MS, out);

        assertThat(out.drain()).last().asString().startsWith("lost no quorum of FOLLOWERINFO (have [1, 2])");
    }

    @Test
    void observersNeverCountTowardAQuorum() {
        LeaderHandshake leader = leader(view(3, 4), 0, 0, 0);
        leader.learnerConnected(4, 0, out);
        leader.onPacket(4, QuorumPacket.of(PacketType.OBSERVERINFO, 0, LearnerInfo.v34(4).encode()), 0, out);
        // A server the view calls an observer does not vote even with FOLLOWERINFO (ZOOKEEPER-769).
        leader.learnerConnected(5, 0, out);
        leader.onPacket(5, info(4, 0), 0, out);
        assertThat(out.drain()).containsExactly("close 4");
        assertThat(leader.newEpoch()).isEqualTo(-1);

        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 0), 0, out);
        assertThat(out.drain()).containsExactly("persistAcceptedEpoch 1", "setTimer HANDSHAKE " + 20_000 * MS,
                sent(1, "leaderinfo"), sent(5, "leaderinfo"));
    }

    @Test
    void unknownServersAndGarbageAreDropped() {
        LeaderHandshake leader = leader(view(3), 0, 0, 0);
        leader.learnerConnected(7, 0, out);
        leader.onPacket(7, info(9, 0), 0, out);
        leader.learnerConnected(8, 0, out);
        leader.onPacket(8, QuorumPacket.of(PacketType.FOLLOWERINFO, 0, new byte[3]), 0, out);
        leader.learnerConnected(9, 0, out);
        leader.onPacket(9, QuorumPacket.of(PacketType.PING, 0, null), 0, out);

        assertThat(out.drain()).containsExactly("close 7", "close 8", "close 9");
    }

    @Test
    void aLearnerBehindGetsSnapWithAnEmptyTreeAndOneAheadInTheEpochGetsTrunc() {
        LeaderHandshake leader = leader(view(3), 1, 1, 0x100000003L);
        leader.learnerConnected(1, 0, out);
        leader.onPacket(1, info(1, 1), 0, out);
        leader.onPacket(1, ackEpoch(0x100000001L, 1), 0, out);
        assertThat(out.drain()).containsSubsequence(
                sent(1, QuorumPacket.of(PacketType.SNAP, 0x100000003L, null)),
                "sendRaw 1 " + hex(SnapshotFormat.emptyTree()),
                sent(1, QuorumPacket.of(PacketType.NEWLEADER, 0x200000000L, null)));

        assertThat(SyncPolicy.choose(0x100000005L, 0x100000003L)).isEqualTo(SyncKind.TRUNC);
        assertThat(SyncPolicy.zxid(SyncKind.TRUNC, 0x100000005L, 0x100000003L)).isEqualTo(0x100000003L);
        assertThat(SyncPolicy.choose(0x200000001L, 0x100000003L)).isEqualTo(SyncKind.SNAP);
        assertThat(SyncPolicy.choose(0x100000003L, 0x100000003L)).isEqualTo(SyncKind.DIFF);
    }

    @Test
    void aOneVoterEnsembleEstablishesAtOnce() {
        LeaderHandshake leader = new LeaderHandshake(1, view(1), 0, 0, 0, TIMINGS);

        leader.lead(0, out);

        assertThat(out.drain()).containsSubsequence("persistAcceptedEpoch 1", "persistCurrentEpoch 1",
                "logEpochStart 0x100000000", "established 1");
    }
}
