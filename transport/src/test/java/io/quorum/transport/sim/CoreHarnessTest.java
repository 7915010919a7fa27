package io.quorum.transport.sim;

import static io.quorum.transport.sim.ScriptedCore.CHAINED;
import static io.quorum.transport.sim.ScriptedCore.EARLY;
import static io.quorum.transport.sim.ScriptedCore.LATE;
import static io.quorum.transport.sim.ScriptedCore.MILLIS;
import static io.quorum.transport.sim.ScriptedCore.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.core.EffectBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CoreHarnessTest {

    static QuorumView threeVoters() {
        return QuorumView.majority(LongStream.rangeClosed(1, 3).mapToObj(id -> QuorumServer.participant(id,
                new PeerAddress("127.0.0.1", 2000 + (int) id), new PeerAddress("127.0.0.1", 3000 + (int) id))).toList());
    }

    static CoreHarness harness() {
        return CoreHarness.builder(ScriptedCore.provider()).myId(2).view(threeVoters())
                .initialVote(Vote.initial(2, 7, 1)).property("k", "v").startAt(1_000).build();
    }

    static String text(EffectBuffer.Send send) {
        return new String(send.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void startReturnsItsSendsAndLeavesTimersPendingInDeadlineOrder() {
        CoreHarness h = harness();

        CoreHarness.Step step = h.start();

        assertThat(step.sends()).extracting(EffectBuffer.Send::to).containsExactly(
                Destination.peer(1, Endpoint.ELECTION_TCP), Destination.peer(3, Endpoint.ELECTION_TCP));
        assertThat(step.sends()).extracting(CoreHarnessTest::text).containsOnly("hello {k=v}");
        assertThat(step.timersSet()).containsEntry(EARLY, 1_000 + 50 * MILLIS);
        assertThat(h.pendingTimers()).containsExactly(
                org.assertj.core.api.Assertions.entry(EARLY, 1_000 + 50 * MILLIS),
                org.assertj.core.api.Assertions.entry(LATE, 1_000 + 100 * MILLIS));
        assertThat(h.trace()).containsExactly("started at 1000");
        assertThat(h.roundOpen()).isTrue();
    }

    @Test
    void advanceFiresDueTimersInDeadlineOrderEachAtItsDeadline() {
        CoreHarness h = harness();
        h.start();

        CoreHarness.Step step = h.advance(70 * MILLIS);

        assertThat(step.traces()).containsExactly("early at " + (1_000 + 50 * MILLIS), "chained at " + (1_000 + 60 * MILLIS));
        assertThat(h.now()).isEqualTo(1_000 + 70 * MILLIS);
        assertThat(h.pendingTimers()).containsOnlyKeys(LATE);
        assertThat(h.lastDecision()).isEmpty();

        CoreHarness.Step later = h.advance(30 * MILLIS);

        assertThat(later.decision()).hasValueSatisfying(d -> assertThat(d.role()).isEqualTo(ServerState.LEADING));
        assertThat(h.lastDecision()).isEqualTo(later.decision());
        assertThat(h.decisionCount()).isEqualTo(1);
        assertThat(h.roundOpen()).isFalse();
        assertThat(h.pendingTimers()).isEmpty();
    }

    @Test
    void advanceToNextTimerJumpsToTheEarliestDeadline() {
        CoreHarness h = harness();
        h.start();

        assertThat(h.advanceToNextTimer().traces()).containsExactly("early at " + (1_000 + 50 * MILLIS));
        assertThat(h.now()).isEqualTo(1_000 + 50 * MILLIS);
        assertThat(h.deadline(CHAINED)).contains(1_000 + 60 * MILLIS);
    }

    @Test
    void cancelAndReSetAreAppliedFromTheEffects() {
        CoreHarness h = harness();
        h.start();

        assertThat(h.deliverFrom(1, bytes("move")).timersSet()).containsEntry(LATE, 1_000 + 500 * MILLIS);
        assertThat(h.deadline(LATE)).contains(1_000 + 500 * MILLIS);
        assertThat(h.advance(400 * MILLIS).decision()).isEmpty();

        assertThat(h.deliverFrom(1, bytes("cancel")).timersCancelled()).containsExactly(LATE);
        assertThat(h.deadline(LATE)).isEmpty();
        assertThat(h.advance(1_000 * MILLIS).effects()).isEmpty();
    }

    @Test
    void deliverFromRepliesAlongThePeersStreamAndHandsTheCoreACopy() {
        CoreHarness h = harness();
        byte[] payload = bytes("ping");

        CoreHarness.Step step = h.deliverFrom(3, payload);

        assertThat(step.sends()).singleElement().satisfies(send -> {
            assertThat(send.to()).isEqualTo(Destination.replyTo(Source.peer(3, Endpoint.ELECTION_TCP)));
            assertThat(text(send)).isEqualTo("echo ping");
        });
        assertThat(((ScriptedCore) h.core()).lastSeen()).isEqualTo(payload).isNotSameAs(payload);
    }

    @Test
    void linkAndPeerStateReachTheCoreAndTheTraceKeepsEveryLine() {
        CoreHarness h = harness();

        assertThat(h.link(3, false).traces()).containsExactly("link 3 down");
        assertThat(h.peerState(ServerState.FOLLOWING, Vote.initial(1, 0, 0)).traces())
                .containsExactly("state FOLLOWING leader 1");
        assertThat(h.trace()).containsExactly("link 3 down", "state FOLLOWING leader 1");
    }

    @Test
    void aDecisionWithNoOpenRoundIsAnError() {
        CoreHarness h = harness();
        h.start();
        h.deliverFrom(1, bytes("decide"));

        assertThatThrownBy(() -> h.deliverFrom(1, bytes("decide"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no round open");
        assertThat(h.decisionCount()).isEqualTo(1);
    }

    @Test
    void timeNeverGoesBackAndAHarnessNeedsAView() {
        CoreHarness h = harness();

        assertThatThrownBy(() -> h.advance(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoreHarness.builder(ScriptedCore.provider()).build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(List.of(h.now())).containsExactly(1_000L);
    }
}
