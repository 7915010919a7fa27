package io.quorum.transport.core;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.TimerKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers what a core asks for during one call. Every driver (the simulator, the threaded runtime,
 * test harnesses) applies the effects after the call returns, in call order (etcd's
 * Ready/Advance), so a core never re-enters itself.
 */
public final class EffectBuffer implements Outbox {
    /** One thing a core asked for. */
    public sealed interface Effect {
    }

    public record Send(Destination to, byte[] payload) implements Effect {
    }

    public record SetTimer(TimerKey key, long deadlineNanos) implements Effect {
    }

    public record CancelTimer(TimerKey key) implements Effect {
    }

    public record Decide(Vote vote, ServerState role) implements Effect {
    }

    public record VoterLooking(long sid) implements Effect {
    }

    public record TraceLine(String line) implements Effect {
    }

    public record LookAgain(String reason) implements Effect {
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

    @Override
    public void voterLooking(long sid) {
        effects.add(new VoterLooking(sid));
    }

    @Override
    public void lookAgain(String reason) {
        effects.add(new LookAgain(reason));
    }

    /** The effects asked for since the last {@link #drain}, in call order. */
    public List<Effect> effects() {
        return effects;
    }

    /** The buffered effects, leaving the buffer empty for the next call. */
    public List<Effect> drain() {
        List<Effect> drained = List.copyOf(effects);
        effects.clear();
        return drained;
    }
}
