package io.quorum.election.fast;

import static io.quorum.election.fast.FleScript.fle;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.looking;
import static io.quorum.election.fast.FleScript.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.transport.sim.CoreHarness;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper's FLEMalformedNotificationMessageTest (ZOOKEEPER-3769): malformed notifications are
 * dropped and counted, never thrown, and the core still elects afterwards (PROTOCOL.md 3.3).
 */
class FleMalformedNotificationTest {

    private static byte[] withIntAt(byte[] payload, int offset, int value) {
        byte[] copy = payload.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    /** Garbage of every length from 0 to 60 bytes: whatever the codec rejects is dropped and counted. */
    @Test
    void garbageOfZeroToSixtyBytesIsDroppedAndCounted() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, 0, 0), false);
        h.start();
        SplittableRandom random = new SplittableRandom(3769);
        long rejected = 0;

        for (int length = 0; length <= 60; length++) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            rejected += NotificationCodec.decode(garbage).isDecoded() ? 0 : 1;
            h.deliverFrom(2, garbage);
        }

        assertThat(fle(h).malformedCount()).isEqualTo(rejected).isGreaterThanOrEqualTo(28);
    }

    /** The 30-byte message of the ZooKeeper test, and every other cut between 29 and 35 bytes, is dropped. */
    @Test
    void truncationsOfTwentyNineToThirtyFiveBytesAreDropped() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, 0, 0), false);
        h.start();
        byte[] valid = looking(3, 0, 1, 0);

        for (int length = 29; length <= 35; length++) {
            assertThat(h.deliverFrom(2, Arrays.copyOf(valid, length)).sends()).isEmpty();
        }

        assertThat(fle(h).malformedCount()).isEqualTo(7);
    }

    /**
     * The ZooKeeper test's sequence from peer 2: a too-short message, a negative config length, a
     * config length past the end (10000) and a 30-byte message; then a valid vote still elects.
     */
    @Test
    void coreStillElectsAfterMalformedMessages() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, 0, 0), false);
        h.start();
        byte[] valid = looking(3, 0, 1, 0);

        h.deliverFrom(2, Arrays.copyOf(valid, 20));
        h.deliverFrom(2, withIntAt(valid, 40, -1));
        h.deliverFrom(2, withIntAt(valid, 40, 10_000));
        h.deliverFrom(2, Arrays.copyOf(valid, 30));
        h.deliverFrom(2, withIntAt(valid, 0, 7));
        assertThat(fle(h).malformedCount()).isEqualTo(5);
        assertThat(h.lastDecision()).isEmpty();

        h.deliverFrom(2, valid);
        h.advance(FleScript.FINALIZE_WAIT);

        assertThat(h.lastDecision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /** A config that does not parse is not malformed: 3.9.5 logs it and still counts the vote (3.2). */
    @Test
    void unparsableConfigBytesStillCountAsAVote() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, 0, 0), false);
        h.start();
        byte[] junkConfig = NotificationCodec.encode(Notification.withConfig(ServerState.LOOKING, 3, 0, 1, 0,
                ConfigData.ofBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, '=', '\n', 0})));

        h.deliverFrom(2, junkConfig);
        h.advance(FleScript.FINALIZE_WAIT);

        assertThat(fle(h).malformedCount()).isZero();
        assertThat(h.lastDecision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /** Malformed messages are dropped in every state, also between rounds. */
    @Test
    void malformedMessagesAreDroppedOutsideARoundToo() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, 0, 0), false);

        assertThat(h.deliverFrom(2, new byte[3]).effects()).hasSize(1);
        h.peerState(ServerState.FOLLOWING, new Vote(2, 0, 1, 1, ServerState.FOLLOWING, 2));
        assertThat(h.deliverFrom(2, new byte[31]).sends()).isEmpty();

        assertThat(fle(h).malformedCount()).isEqualTo(2);
    }
}
