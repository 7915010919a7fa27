package io.quorum.peer.session;

import static io.quorum.peer.session.RecordingOutbox.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.GoldenVectors;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The learner core against the bytes of a captured 3.4.14 follower (PROTOCOL.md section 6.3). */
class LearnerHandshakeTest {
    private static final long MS = 1_000_000L;
    /** tickTime 2000, initLimit 10, syncLimit 5. */
    private static final SessionTimings TIMINGS = SessionTimings.ofMillis(2000, 10, 5);

    private final RecordingOutbox out = new RecordingOutbox();

    private static byte[] vector(String name) {
        return GoldenVectors.load("zab-3.4.14-" + name + ".hex").bytes();
    }

    private static String sent(String name) {
        return "send " + hex(vector(name));
    }

    private void feed(LearnerHandshake learner, long now, byte[]... chunks) {
        int size = 0;
        for (byte[] c : chunks) {
            size += c.length;
        }
        ByteBuffer in = ByteBuffer.allocate(size);
        for (byte[] c : chunks) {
            in.put(c);
        }
        learner.onBytes(in.flip(), now, out);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void freshFollowerSendsExactlyTheCaptured3414Bytes() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 0, 0, 0, TIMINGS);

        learner.connected(0, out);
        assertThat(out.drain()).containsExactly(sent("followerinfo"), "setTimer READ_TIMEOUT " + 20_000 * MS);

        feed(learner, 10 * MS, vector("leaderinfo"));
        // acceptedEpoch on disk before the ACKEPOCH that relies on it (section 6.5).
        assertThat(out.drain()).containsExactly("persistAcceptedEpoch 1", sent("ackepoch-fresh"));

        feed(learner, 20 * MS, vector("diff-empty"), vector("newleader"));
        assertThat(out.drain()).containsExactly("synced DIFF 0x0", "persistCurrentEpoch 1",
                sent("ack-newleader"));

        feed(learner, 30 * MS, vector("uptodate"));
        assertThat(out.drain()).containsExactly(sent("ack-newleader"), "setTimer READ_TIMEOUT " + 10_030 * MS,
                "established 1");
        assertThat(learner.isEstablished()).isTrue();

        feed(learner, 1_000 * MS, vector("ping-leader"));
        assertThat(out.drain()).containsExactly(sent("ping-follower"));
    }

    @Test
    void survivingFollowerOfTheSecondElectionAcksWithItsCurrentEpoch() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 1, 1, 0x100000006L, TIMINGS);

        learner.connected(0, out);
        learner.onPacket(QuorumPacket.withInt(PacketType.LEADERINFO, 0x200000000L, 0x10000), 1, out);

        assertThat(out.drain()).containsExactly(sent("followerinfo-epoch1"), "setTimer READ_TIMEOUT " + 20_000 * MS,
                "persistAcceptedEpoch 2", sent("ackepoch-epoch1"));
    }

    @Test
    void anEpochAlreadyAcceptedIsAckedWithMinusOneAndNotPersisted() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 2, 1, 0x100000006L, TIMINGS);
        learner.connected(0, out);
        out.drain();

        learner.onPacket(QuorumPacket.withInt(PacketType.LEADERINFO, 0x200000000L, 0x10000), 1, out);

        assertThat(out.drain()).containsExactly("send " + hex(QuorumPacketCodec.encode(
                QuorumPacket.withInt(PacketType.ACKEPOCH, 0x100000006L, -1))));
    }

    @Test
    void anOlderEpochEndsTheSession() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 3, 3, 0, TIMINGS);
        learner.connected(0, out);
        out.drain();

        learner.onPacket(QuorumPacket.withInt(PacketType.LEADERINFO, 0x200000000L, 0x10000), 1, out);

        assertThat(out.drain()).singleElement().asString().startsWith("lost leader proposes epoch 2 below");
        assertThat(learner.isEnded()).isTrue();
    }

    @Test
    void anObserverRegistersWithObserverInfo() {
        LearnerHandshake learner = new LearnerHandshake(3, true, 0, 0, 0, TIMINGS);

        learner.connected(0, out);

        assertThat(out.drain()).first().isEqualTo(sent("observerinfo"));
    }

    @Test
    void transactionsOfADiffAreCountedAndDroppedAnd395ConfigIsAccepted() {
        LearnerHandshake learner = syncing(0x100000004L);
        byte[] config = GoldenVectors.load("zab-3.9.5-newleader-config.hex").bytes();

        for (int i = 5; i <= 6; i++) {
            learner.onPacket(QuorumPacket.of(PacketType.PROPOSAL, 0x100000000L + i, new byte[] {1, 2}), 2, out);
            learner.onPacket(QuorumPacket.of(PacketType.COMMIT, 0x100000000L + i, null), 2, out);
        }
        learner.onPacket(QuorumPacket.of(PacketType.PING, 0x100000006L, null), 2, out);
        feed(learner, 3, config);

        // Nothing is acked or echoed while syncing: the only packet sent is the NEWLEADER ACK.
        assertThat(out.drain()).filteredOn(e -> e.startsWith("send")).containsExactly(sent("ack-newleader"));
    }

    @Test
    void snapshotStreamAfterSnapIsSkippedInSmallChunks() {
        LearnerHandshake learner = new LearnerHandshake(3, false, 0, 0, 0, TIMINGS);
        learner.connected(0, out);
        learner.onPacket(QuorumPacket.withInt(PacketType.LEADERINFO, 0x100000000L, 0x10000), 1, out);
        out.drain();
        byte[] snapshot = SnapshotSkipperTest.busySnapshot();
        int length = vector("snap").length + snapshot.length + vector("newleader").length;
        byte[] stream = ByteBuffer.allocate(length).put(vector("snap")).put(snapshot).put(vector("newleader")).array();

        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i += 7) {
            buffer.put(stream, i, Math.min(7, length - i)).flip();
            learner.onBytes(buffer, 2 + i, out);
            buffer.compact();
        }

        assertThat(out.drain()).containsExactly("markUpdatingEpoch", "synced SNAP 0x100000000", "persistCurrentEpoch 1",
                "clearUpdatingEpoch", sent("ack-newleader"));
    }

    /**
     * Regression (found by the peer-level simulation, CRASH schedule): a learner at currentEpoch 0
     * was told SNAP to 0x200000000, made that durable at once, and crashed before NEWLEADER. Its
     * log was then ahead of its currentEpoch with no updatingEpoch marker, a data directory that
     * start-up recovery refuses ("The current epoch, 0, is older than the last zxid"), so the peer
     * could never start again. The sync now becomes durable only at NEWLEADER, under the marker,
     * in 3.4.14's order (PROTOCOL.md section 6.3 step 7).
     */
    @Test
    void theSyncBecomesDurableOnlyUnderTheUpdatingEpochMarker() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 0, 0, 0, TIMINGS);
        learner.connected(0, out);
        learner.onPacket(QuorumPacket.withInt(PacketType.LEADERINFO, 0x300000000L, 0x10000), 1, out);
        out.drain();

        feed(learner, 2, QuorumPacketCodec.encode(QuorumPacket.of(PacketType.SNAP, 0x200000000L, null)),
                SnapshotFormat.emptyTree());
        assertThat(out.drain()).as("nothing durable before NEWLEADER").isEmpty();

        feed(learner, 3, QuorumPacketCodec.encode(QuorumPacket.of(PacketType.NEWLEADER, 0x300000000L, null)));
        assertThat(out.drain()).startsWith("markUpdatingEpoch", "synced SNAP 0x200000000", "persistCurrentEpoch 3",
                "clearUpdatingEpoch");
    }

    @Test
    void readTimeoutIsInitLimitWhileSyncingAndSyncLimitOnceEstablished() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 0, 0, 0, TIMINGS);
        learner.connected(0, out);
        feed(learner, 5_000 * MS, vector("leaderinfo"));
        out.drain();

        learner.onTimer(SessionTimer.READ_TIMEOUT, 20_000 * MS, out);
        assertThat(out.drain()).containsExactly("setTimer READ_TIMEOUT " + 25_000 * MS);

        feed(learner, 6_000 * MS, vector("diff-empty"), vector("newleader"), vector("uptodate"));
        feed(learner, 12_000 * MS, vector("ping-leader"));
        out.drain();
        learner.onTimer(SessionTimer.READ_TIMEOUT, 16_000 * MS, out);
        assertThat(out.drain()).containsExactly("setTimer READ_TIMEOUT " + 22_000 * MS);
        learner.onTimer(SessionTimer.READ_TIMEOUT, 22_000 * MS, out);
        assertThat(out.drain()).singleElement().asString().startsWith("lost nothing from the leader for syncLimit");
    }

    @Test
    void initLimitExpiresBeforeLeaderInfo() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 0, 0, 0, TIMINGS);
        learner.connected(0, out);
        out.drain();

        learner.onTimer(SessionTimer.READ_TIMEOUT, 20_000 * MS, out);

        assertThat(out.drain()).singleElement().asString().startsWith("lost nothing from the leader for initLimit");
    }

    @Test
    void garbageAndUnexpectedPacketsEndTheSessionWithoutThrowing() {
        LearnerHandshake learner = new LearnerHandshake(1, false, 0, 0, 0, TIMINGS);
        learner.connected(0, out);
        out.drain();
        byte[] garbage = ByteBuffer.allocate(16).putInt(17).putLong(0).putInt(-7).array();

        feed(learner, 1, garbage);
        assertThat(out.drain()).singleElement().asString().startsWith("lost bad packet from the leader");

        LearnerHandshake other = syncing(0);
        other.onPacket(QuorumPacket.of(PacketType.UPTODATE, -1, null), 2, out);
        assertThat(out.drain()).singleElement().asString().isEqualTo("lost UPTODATE before NEWLEADER");

        LearnerHandshake third = new LearnerHandshake(1, false, 0, 0, 0, TIMINGS);
        third.connected(0, out);
        third.disconnected(1, out);
        assertThat(out.drain()).last().asString().isEqualTo("lost connection to the leader closed");
    }

    /** A learner that acked epoch 1 and got a DIFF. */
    private LearnerHandshake syncing(long lastZxid) {
        LearnerHandshake learner = new LearnerHandshake(1, false, 0, 0, lastZxid, TIMINGS);
        learner.connected(0, out);
        learner.onPacket(QuorumPacket.withInt(PacketType.LEADERINFO, 0x100000000L, 0x10000), 1, out);
        learner.onPacket(QuorumPacket.of(PacketType.DIFF, 0x100000006L, null), 1, out);
        out.drain();
        return learner;
    }
}
