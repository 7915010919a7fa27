package io.quorum.transport.sim;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.TimerKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers what a core asks for during one call. The driver applies the effects after the call
 * returns, in call order (etcd's Ready/Advance), so a core never re-enters itself.
 */
final class SimOutbox implements Outbox {
    sealed interface Effect {
    }

    record Send(Destination to, byte[] payload) implements Effect {
    }

    record SetTimer(TimerKey key, long deadlineNanos) implements Effect {
    }

    record CancelTimer(TimerKey key) implements Effect {
    }

    record Decide(Vote vote, ServerState role) implements Effect {
    }

    record TraceLine(String line) implements Effect {
    }

    private final List<Effect> effects = new ArrayList<>(8);

    @Override
    public void send(Destination to, byte[] payload) {
        effects.add(new Send(to, payload));
    }

    @Override
    public void setTimer(TimerKey key, long deadlineNanos) {
        effects.add(new SetTimer(key, deadlineNanos));
    }

    @Override
    public void cancelTimer(TimerKey key) {
        effects.add(new CancelTimer(key));
    }

    @Override
    public void decide(Vote vote, ServerState role) {
        effects.add(new Decide(vote, role));
    }

    @Override
    public void trace(String line) {
        effects.add(new TraceLine(line));
    }

    List<Effect> effects() {
        return effects;
    }
}
