package io.quorum.election.fast;

import static io.quorum.election.fast.FleScript.FINALIZE_WAIT;
import static io.quorum.election.fast.FleScript.following;
import static io.quorum.election.fast.FleScript.harness;
import static io.quorum.election.fast.FleScript.leading;
import static io.quorum.election.fast.FleScript.looking;
import static io.quorum.election.fast.FleScript.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.transport.sim.CoreHarness;
import org.junit.jupiter.api.Test;

/**
 * A peer whose leader stopped right after being elected looks again, and the settled votes of
 * the election that just ended (the leader's LEADING announcement, the followers' FOLLOWING ones)
 * are still arriving: over TCP the bytes a stopped peer wrote are read before its closed
 * connection is, so they reach the new round before the link goes down. Joining the lost leader
 * on them followed a dead leader; in ElectionLatencyBenchmark enough survivors did so that the
 * rest could never form a quorum, and the benchmark, with no session layer to send anyone back
 * to LOOKING, hung. Peer 1 of five here; 5 led round 1.
 */
class FleRejoinTest {
    private static final long ZXID = Zxid.of(1, 1);

    private static CoreHarness followingFiveAfterRoundOne() {
        CoreHarness h = harness(1, voters(1, 2, 3, 4, 5), Vote.initial(1, ZXID, 1), true);
        h.start();
        h.deliverFrom(2, following(5, ZXID, 1, 1));
        h.deliverFrom(3, following(5, ZXID, 1, 1));
        h.deliverFrom(5, leading(5, ZXID, 1, 1));
        assertThat(h.lastDecision()).map(Decision::leader).contains(5L);
        return h;
    }

    /** Round 2 hears round 1's announcements, which the leader sent before it stopped. */
    private static CoreHarness.Step staleAnnouncements(CoreHarness h) {
        h.deliverFrom(5, leading(5, ZXID, 1, 1));
        h.deliverFrom(2, following(5, ZXID, 1, 1));
        return h.deliverFrom(3, following(5, ZXID, 1, 1));
    }

    @Test
    void staleVotesForTheLostLeaderDoNotRejoinItWhenItsLinkGoesDownRightAfter() {
        CoreHarness h = followingFiveAfterRoundOne();
        h.start();

        CoreHarness.Step step = staleAnnouncements(h);
        assertThat(step.decision()).as("no rejoin before the wait").isEmpty();
        h.link(5, false);
        h.advance(FINALIZE_WAIT);

        assertThat(h.decisionCount()).isEqualTo(1);
        assertThat(h.roundOpen()).isTrue();
        assertThat(h.trace()).anyMatch(line -> line.contains("went down during the rejoin wait"));
    }

    @Test
    void theSurvivorsThenElectAmongThemselves() {
        CoreHarness h = followingFiveAfterRoundOne();
        h.start();
        staleAnnouncements(h);
        h.link(5, false);
        h.advance(FINALIZE_WAIT);

        h.deliverFrom(4, looking(4, ZXID, 2, 1));
        h.deliverFrom(2, looking(4, ZXID, 2, 1));
        h.deliverFrom(3, looking(4, ZXID, 2, 1));
        h.advance(FINALIZE_WAIT);

        assertThat(h.lastDecision()).contains(new Decision(new Vote(4, ZXID, 2, 1, ServerState.FOLLOWING, 2),
                ServerState.FOLLOWING));
    }

    @Test
    void aLostLeaderThatIsStillUpIsRejoinedAfterTheWait() {
        CoreHarness h = followingFiveAfterRoundOne();
        h.peerState(ServerState.LOOKING, h.lastDecision().orElseThrow().vote());
        h.start();

        staleAnnouncements(h);
        CoreHarness.Step waited = h.advance(FINALIZE_WAIT);

        assertThat(waited.decision()).contains(new Decision(new Vote(5, ZXID, 1, 1, ServerState.FOLLOWING, 2),
                ServerState.FOLLOWING));
        assertThat(FleScript.fle(h).logicalClock()).isEqualTo(1);
    }

    @Test
    void anotherEstablishedLeaderIsJoinedAtOnceAsZooKeeperDoes() {
        CoreHarness h = followingFiveAfterRoundOne();
        h.start();

        h.deliverFrom(2, following(4, ZXID, 3, 1));
        h.deliverFrom(3, following(4, ZXID, 3, 1));
        CoreHarness.Step step = h.deliverFrom(4, leading(4, ZXID, 3, 1));

        assertThat(step.decision()).map(Decision::leader).contains(4L);
    }
}
