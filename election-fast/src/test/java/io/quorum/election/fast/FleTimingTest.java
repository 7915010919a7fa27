package io.quorum.election.fast;

import static io.quorum.election.fast.FastLeaderElection.FINALIZE_WAIT;
import static io.quorum.election.fast.FastLeaderElection.NOTIFICATION_INTERVAL;
import static io.quorum.election.fast.FleScript.MS;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.looking;
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
 * The timers of the election loop (PROTOCOL.md 3.6): the notification back-off (ZOOKEEPER-3218),
 * the finalize wait, and our fast termination rule.
 */
class FleTimingTest {

    private static CoreHarness bestOfThree(boolean fastTermination) {
        CoreHarness h = harness(3, voters(1, 2, 3), Vote.initial(3, Zxid.of(1, 6), 1), fastTermination);
        h.start();
        return h;
    }

    private static byte[] forThree() {
        return looking(3, Zxid.of(1, 6), 1, 1);
    }

    /** 3.6 step 3: with no answers the proposal is re-sent at 200, 400, 800 ms, then capped (1 s here). */
    @Test
    void notificationIntervalDoublesFromMinToMaxAndResendsEachTime() {
        CoreHarness h = bestOfThree(false);
        long[] expectedFireTimes = {200, 600, 1_400, 2_400, 3_400};

        for (long fireAt : expectedFireTimes) {
            assertThat(h.deadline(NOTIFICATION_INTERVAL)).contains(fireAt * MS);
            CoreHarness.Step step = h.advanceToNextTimer();
            assertThat(h.now()).isEqualTo(fireAt * MS);
            for (long peer : new long[] {1, 2}) {
                assertThat(sentTo(step, peer)).singleElement().satisfies(n -> {
                    assertThat(n.leader()).isEqualTo(3);
                    assertThat(n.electionEpoch()).isEqualTo(1);
                });
            }
        }
        assertThat(h.lastDecision()).isEmpty();
    }

    /** 3.6 step 5: after a quorum agrees the core waits finalizeWait for a better vote, then decides. */
    @Test
    void finalizeWaitDelaysTheDecision() {
        CoreHarness h = bestOfThree(false);

        CoreHarness.Step quorum = h.deliverFrom(1, forThree());

        assertThat(quorum.timersSet()).containsEntry(FINALIZE_WAIT, FleScript.FINALIZE_WAIT);
        assertThat(h.advance(FleScript.FINALIZE_WAIT - 1).decision()).isEmpty();
        assertThat(h.advance(1).decision()).map(Decision::role).contains(ServerState.LEADING);
        assertThat(h.pendingTimers()).isEmpty();
    }

    /** 3.6 step 5: a better vote during the wait ends it; the core adopts and re-sends it. */
    @Test
    void betterVoteDuringTheWaitEndsItAndIsAdopted() {
        CoreHarness h = bestOfThree(false);
        h.deliverFrom(1, forThree());

        CoreHarness.Step better = h.deliverFrom(2, looking(2, Zxid.of(2, 0), 1, 2));

        assertThat(better.timersCancelled()).contains(FINALIZE_WAIT);
        assertThat(sentTo(better, 1)).singleElement().satisfies(n -> assertThat(n.leader()).isEqualTo(2));
        assertThat(better.decision()).isEmpty();
        h.advance(FleScript.FINALIZE_WAIT);
        assertThat(h.lastDecision()).contains(new Decision(
                new Vote(2, Zxid.of(2, 0), 1, 2, ServerState.FOLLOWING, 2), ServerState.FOLLOWING));
    }

    /** 3.6 step 5: a vote that does not beat the proposal is consumed: no answer, the wait goes on. */
    @Test
    void nonBetterVoteDuringTheWaitIsConsumed() {
        CoreHarness h = bestOfThree(false);
        h.deliverFrom(1, forThree());
        long deadline = h.deadline(FINALIZE_WAIT).orElseThrow();

        CoreHarness.Step worse = h.deliverFrom(2, looking(2, Zxid.of(1, 1), 1, 1));

        assertThat(worse.sends()).isEmpty();
        assertThat(h.deadline(FINALIZE_WAIT)).contains(deadline);
        assertThat(h.advance(FleScript.FINALIZE_WAIT).decision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /** Fast termination: when every voter agrees at once the core decides with no finalize timer. */
    @Test
    void everyVoterAgreeingDecidesAtOnce() {
        CoreHarness h = harness(2, voters(1, 2), Vote.initial(2, 0, 0), true);
        h.start();

        CoreHarness.Step step = h.deliverFrom(1, looking(2, 0, 1, 0));

        assertThat(step.decision()).map(Decision::role).contains(ServerState.LEADING);
        assertThat(step.timersSet()).doesNotContainKey(FINALIZE_WAIT);
        assertThat(h.now()).isZero();
    }

    /** Fast termination: the last voter's agreement ends a running wait at once. */
    @Test
    void lastAgreeingVoterEndsTheWaitAtOnce() {
        CoreHarness h = bestOfThree(true);
        h.deliverFrom(1, forThree());
        assertThat(h.pendingTimers()).containsKey(FINALIZE_WAIT);

        CoreHarness.Step step = h.deliverFrom(2, forThree());

        assertThat(step.decision()).map(Decision::role).contains(ServerState.LEADING);
        assertThat(h.pendingTimers()).isEmpty();
    }

    /** Fast termination: a voter whose link has been down for the grace is not waited for. */
    @Test
    void voterWithLinkDownIsNotWaitedFor() {
        CoreHarness h = bestOfThree(true);
        h.link(2, false);
        h.advance(FleScript.LINK_DOWN_GRACE);

        CoreHarness.Step step = h.deliverFrom(1, forThree());

        assertThat(step.decision()).map(Decision::role).contains(ServerState.LEADING);
        assertThat(step.timersSet()).doesNotContainKey(FINALIZE_WAIT);
    }

    /** Fast termination: a link going down during the wait and staying down decides after the grace. */
    @Test
    void linkStayingDownDuringTheWaitDecidesAfterTheGrace() {
        CoreHarness h = bestOfThree(true);
        h.deliverFrom(1, forThree());

        assertThat(h.link(2, false).decision()).isEmpty();
        assertThat(h.advance(FleScript.LINK_DOWN_GRACE - 1).decision()).isEmpty();
        assertThat(h.advance(1).decision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /**
     * Fast termination: the sid tie-break's drop-and-reconnect (PROTOCOL.md 2.3) is no reason to
     * stop waiting for that voter; the wait runs its full finalizeWait.
     */
    @Test
    void linkFlappingDuringTheWaitIsWaitedFor() {
        CoreHarness h = bestOfThree(true);
        h.deliverFrom(1, forThree());

        assertThat(h.link(2, false).decision()).isEmpty();
        assertThat(h.advance(5 * FleScript.MS).decision()).isEmpty();
        assertThat(h.link(2, true).decision()).isEmpty();
        assertThat(h.advance(FleScript.FINALIZE_WAIT - 5 * FleScript.MS - 1).decision()).isEmpty();
        assertThat(h.advance(1).decision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /**
     * Fast termination: a voter whose link went down and whom nobody answers when dialled is gone
     * (the failover case: the leader was killed), so its grace is cut short.
     */
    @Test
    void voterWhoseLinkWentDownAndWhoCannotBeDialledIsNotWaitedFor() {
        CoreHarness h = bestOfThree(true);
        h.deliverFrom(1, forThree());
        assertThat(h.link(2, false).decision()).isEmpty();

        CoreHarness.Step step = h.unreachable(2);

        assertThat(step.decision()).map(Decision::role).contains(ServerState.LEADING);
        assertThat(h.now()).isZero();
    }

    /**
     * A voter that was never connected is not ruled out by a failed dial: peers starting a little
     * apart keep waiting for each other, up to finalizeWait.
     */
    @Test
    void failedDialToANeverConnectedVoterChangesNothing() {
        CoreHarness h = bestOfThree(true);
        h.deliverFrom(1, forThree());

        assertThat(h.unreachable(2).decision()).isEmpty();
        assertThat(h.advance(FleScript.FINALIZE_WAIT - 1).decision()).isEmpty();
        assertThat(h.advance(1).decision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /** A voter back up is waited for again, even after it was found unreachable. */
    @Test
    void aVoterBackUpAfterBeingUnreachableIsWaitedForAgain() {
        CoreHarness h = bestOfThree(true);
        h.link(2, false);
        h.unreachable(2);
        h.link(2, true);

        assertThat(h.deliverFrom(1, forThree()).decision()).isEmpty();
        assertThat(h.advance(FleScript.FINALIZE_WAIT).decision()).map(Decision::role).contains(ServerState.LEADING);
    }

    /** Fast termination: a voter that is silent but not down is waited for, up to finalizeWait. */
    @Test
    void silentButConnectedVoterIsWaitedFor() {
        CoreHarness h = bestOfThree(true);
        h.link(2, false);
        h.link(2, true);

        assertThat(h.deliverFrom(1, forThree()).decision()).isEmpty();
        assertThat(h.advance(FleScript.FINALIZE_WAIT - 1).decision()).isEmpty();
        assertThat(h.advance(1).decision()).map(Decision::role).contains(ServerState.LEADING);
    }
}
