package io.quorum.election.fast;

import io.quorum.transport.testing.GoldenVectors;
import static io.quorum.election.fast.FleScript.fle;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.sentTo;
import static io.quorum.election.fast.FleScript.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.transport.sim.CoreHarness;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper 3.4.14's FLECompatibilityTest (ZOOKEEPER-1808/1810) with captured bytes: older
 * notification formats are understood by the core (PROTOCOL.md 3.3, 3.10).
 */
class FleCompatibilityTest {

    private static byte[] vector(String name) {
        return GoldenVectors.load(name).framePayload();
    }

    /** A 40-byte 3.4.14 LOOKING vote (sid2 for itself, round 1) beats peer 1's fresh vote and is adopted. */
    @Test
    void fortyByteLookingNotificationIsUnderstood() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, 0, 0), false);
        h.start();

        CoreHarness.Step step = h.deliverFrom(2, vector("fle-3.4.14-40b-looking.hex"));

        assertThat(fle(h).malformedCount()).isZero();
        assertThat(sentTo(step, 3)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(2);
            assertThat(n.format()).as("we keep writing version 2, which 3.4.14 reads").isEqualTo(NotificationFormat.CONFIG_V2);
        });
        assertThat(h.pendingTimers()).containsKey(FastLeaderElection.FINALIZE_WAIT);
    }

    /** The captured 3.4.14 FOLLOWING (sid1) and LEADING (sid2) replies make a joining sid3 follow sid2. */
    @Test
    void fortyByteSettledRepliesLetANewcomerJoin() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, 0, 0), true);
        h.start();

        h.deliverFrom(1, vector("fle-3.4.14-40b-following.hex"));
        CoreHarness.Step step = h.deliverFrom(2, vector("fle-3.4.14-40b-leading.hex"));

        assertThat(step.decision()).hasValueSatisfying(d -> {
            assertThat(d.role()).isEqualTo(ServerState.FOLLOWING);
            assertThat(d.leader()).isEqualTo(2);
            assertThat(d.vote().peerEpoch()).isEqualTo(1);
        });
    }

    /** A 28-byte 3.3.6 notification: peerEpoch comes from zxid >> 32 and the vote is adopted. */
    @Test
    void twentyEightByteNotificationIsUnderstood() {
        CoreHarness h = harness(1, voters(1, 2, 3), Vote.initial(1, 0, 0), false);
        h.start();

        CoreHarness.Step step = h.deliverFrom(3, vector("fle-3.3.6-28b-looking.hex"));

        assertThat(fle(h).malformedCount()).isZero();
        assertThat(sentTo(step, 2)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(3);
            assertThat(n.peerEpoch()).isZero();
        });
    }

    /** A hand-built 28-byte vote with history in epoch 2: its derived peerEpoch ranks it above an epoch-1 vote. */
    @Test
    void twentyEightByteVoteRanksByItsDerivedEpoch() {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, Zxid.of(1, 90), 1), false);
        h.start();
        byte[] legacy = NotificationCodec.encode(new Notification(NotificationFormat.LEGACY_28, ServerState.LOOKING,
                1, Zxid.of(2, 1), 1, 2, 0, java.util.Optional.empty()));

        CoreHarness.Step step = h.deliverFrom(1, legacy);

        assertThat(sentTo(step, 2)).singleElement().satisfies(n -> {
            assertThat(n.leader()).isEqualTo(1);
            assertThat(n.peerEpoch()).isEqualTo(2);
        });
        h.advance(FleScript.FINALIZE_WAIT);
        assertThat(h.lastDecision()).map(Decision::leader).contains(1L);
    }
}
