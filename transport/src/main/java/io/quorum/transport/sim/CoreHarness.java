package io.quorum.transport.sim;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.core.EffectBuffer.Effect;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Scripts one election core by hand, the way etcd's interaction tests drive a single raft node:
 * every input is a method call that returns the effects the core asked for in that step, and the
 * harness applies them (timers, the decision, trace lines) as the simulator would. Time is
 * virtual: it moves only through {@link #advance}, which fires due timers in deadline order.
 * Deterministic, so plugin authors can use it in their own tests.
 */
public final class CoreHarness {
    private final ElectionCore core;
    private final EffectBuffer buffer = new EffectBuffer();
    /** Pending timers: key to its deadline and the order it was set in, for ties. */
    private final Map<TimerKey, long[]> timers = new LinkedHashMap<>();
    private final List<String> trace = new ArrayList<>();
    private long now;
    private long timerSequence;
    private boolean roundOpen;
    private Decision lastDecision;
    private int decisionCount;

    private CoreHarness(ElectionCore core, long startNanos) {
        this.core = core;
        this.now = startNanos;
    }

    /** A builder for a harness around a core of {@code provider}. */
    public static Builder builder(ElectionProvider provider) {
        return new Builder(provider);
    }

    /** The core under test, for casts to the algorithm's own inspection methods. */
    public ElectionCore core() {
        return core;
    }

    /** The virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Opens a round ({@link ElectionCore#start}). */
    public Step start() {
        roundOpen = true;
        core.start(now, buffer);
        return apply();
    }

    /** Delivers a payload as if it arrived from {@code from}; the core gets its own copy. */
    public Step deliver(Source from, byte[] payload) {
        core.onMessage(from, ByteBuffer.wrap(payload.clone()), now, buffer);
        return apply();
    }

    /** Delivers a payload from peer {@code sid} over its election stream. */
    public Step deliverFrom(long sid, byte[] payload) {
        return deliver(Source.peer(sid, Endpoint.ELECTION_TCP), payload);
    }

    /** Reports the stream to {@code sid} up or down. */
    public Step link(long sid, boolean up) {
        core.onLink(sid, up, now, buffer);
        return apply();
    }

    /**
     * Dialling {@code sid} failed, or a datagram to it was refused
     * ({@link io.quorum.api.election.ElectionCore#onUnreachable}).
     */
    public Step unreachable(long sid) {
        core.onUnreachable(sid, now, buffer);
        return apply();
    }

    /** Reports a state change of the peer outside the election. */
    public Step peerState(ServerState state, Vote vote) {
        core.onPeerState(state, vote, now, buffer);
        return apply();
    }

    /**
     * Moves time forward by {@code nanos}, firing every timer due by then in deadline order (ties
     * in the order they were set); each fires at its own deadline. Returns the effects of all of
     * them, in order.
     */
    public Step advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go back: " + nanos);
        }
        long until = now + nanos;
        List<Effect> all = new ArrayList<>();
        Optional<TimerKey> due = nextDue(until);
        while (due.isPresent()) {
            TimerKey key = due.get();
            now = Math.max(now, timers.remove(key)[0]);
            core.onTimer(key, now, buffer);
            all.addAll(apply().effects());
            due = nextDue(until);
        }
        now = until;
        return new Step(all);
    }

    /** Moves time to the earliest pending deadline and fires what is due then; nothing if none is pending. */
    public Step advanceToNextTimer() {
        return nextDeadline().map(deadline -> advance(Math.max(0, deadline - now))).orElseGet(() -> new Step(List.of()));
    }

    /** The pending timers and their deadlines, in deadline order. */
    public Map<TimerKey, Long> pendingTimers() {
        Map<TimerKey, Long> sorted = new LinkedHashMap<>();
        timers.entrySet().stream()
                .sorted((a, b) -> compareTimers(a.getValue(), b.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()[0]));
        return Collections.unmodifiableMap(sorted);
    }

    /** The deadline of a pending timer, or empty if it is not pending. */
    public Optional<Long> deadline(TimerKey key) {
        return Optional.ofNullable(timers.get(key)).map(t -> t[0]);
    }

    /** The most recent decision, or empty if the core has not decided yet. */
    public Optional<Decision> lastDecision() {
        return Optional.ofNullable(lastDecision);
    }

    /** How many times the core has decided. */
    public int decisionCount() {
        return decisionCount;
    }

    /** Whether a round started by {@link #start} is still open. */
    public boolean roundOpen() {
        return roundOpen;
    }

    /** Every trace line the core wrote, in order. */
    public List<String> trace() {
        return Collections.unmodifiableList(trace);
    }

    private Optional<TimerKey> nextDue(long until) {
        return timers.entrySet().stream()
                .filter(e -> e.getValue()[0] <= until)
                .min((a, b) -> compareTimers(a.getValue(), b.getValue()))
                .map(Map.Entry::getKey);
    }

    private Optional<Long> nextDeadline() {
        return timers.values().stream().map(t -> t[0]).min(Long::compare);
    }

    private static int compareTimers(long[] a, long[] b) {
        int byDeadline = Long.compare(a[0], b[0]);
        return byDeadline != 0 ? byDeadline : Long.compare(a[1], b[1]);
    }

    /** Applies the buffered effects as a driver would and hands them back. */
    private Step apply() {
        List<Effect> effects = buffer.drain();
        for (Effect effect : effects) {
            if (effect instanceof EffectBuffer.SetTimer set) {
                timers.put(set.key(), new long[] {set.deadlineNanos(), timerSequence++});
            } else if (effect instanceof EffectBuffer.CancelTimer cancel) {
                timers.remove(cancel.key());
            } else if (effect instanceof EffectBuffer.Decide decide) {
                recordDecision(decide);
            } else if (effect instanceof EffectBuffer.TraceLine line) {
                trace.add(line.line());
            }
        }
        return new Step(effects);
    }

    private void recordDecision(EffectBuffer.Decide decide) {
        if (!roundOpen) {
            throw new IllegalStateException("the core decided " + decide.role() + " with no round open");
        }
        roundOpen = false;
        lastDecision = new Decision(decide.vote(), decide.role());
        decisionCount++;
    }

    /** The effects of one step, in the order the core asked for them. */
    public record Step(List<Effect> effects) {
        public Step {
            effects = List.copyOf(effects);
        }

        /** Every send. */
        public List<EffectBuffer.Send> sends() {
            return effects.stream().filter(EffectBuffer.Send.class::isInstance).map(EffectBuffer.Send.class::cast).toList();
        }

        /** The decision taken in this step, if any. */
        public Optional<Decision> decision() {
            return effects.stream().filter(EffectBuffer.Decide.class::isInstance).map(EffectBuffer.Decide.class::cast)
                    .map(d -> new Decision(d.vote(), d.role())).reduce((first, second) -> second);
        }

        /** The trace lines written in this step. */
        public List<String> traces() {
            return effects.stream().filter(EffectBuffer.TraceLine.class::isInstance)
                    .map(e -> ((EffectBuffer.TraceLine) e).line()).toList();
        }

        /** The timers set in this step (key to deadline; a later setting of a key wins). */
        public Map<TimerKey, Long> timersSet() {
            Map<TimerKey, Long> set = new LinkedHashMap<>();
            effects.stream().filter(EffectBuffer.SetTimer.class::isInstance).map(EffectBuffer.SetTimer.class::cast)
                    .forEach(s -> set.put(s.key(), s.deadlineNanos()));
            return set;
        }

        /** The timers cancelled in this step. */
        public List<TimerKey> timersCancelled() {
            return effects.stream().filter(EffectBuffer.CancelTimer.class::isInstance)
                    .map(e -> ((EffectBuffer.CancelTimer) e).key()).toList();
        }
    }

    /** Builds a harness: who the core is, the view, its initial vote and its properties. */
    public static final class Builder {
        private final ElectionProvider provider;
        private long myId = 1;
        private QuorumView view;
        private Vote initialVote;
        private final Map<String, String> properties = new TreeMap<>();
        private long seed;
        private long startNanos;

        private Builder(ElectionProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider is null");
        }

        public Builder myId(long id) {
            this.myId = id;
            return this;
        }

        public Builder view(QuorumView quorumView) {
            this.view = Objects.requireNonNull(quorumView, "view is null");
            return this;
        }

        /** The starting vote; by default {@code Vote.initial(myId, 0, 0)}. */
        public Builder initialVote(Vote vote) {
            this.initialVote = Objects.requireNonNull(vote, "vote is null");
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        /** The seed of the core's random generator (0 by default). */
        public Builder seed(long randomSeed) {
            this.seed = randomSeed;
            return this;
        }

        /** The virtual time the harness starts at (0 by default). */
        public Builder startAt(long nanos) {
            this.startNanos = nanos;
            return this;
        }

        public CoreHarness build() {
            if (view == null) {
                throw new IllegalStateException("a harness needs a view");
            }
            Vote vote = initialVote != null ? initialVote : Vote.initial(myId, 0, 0);
            ElectionContext context = SimContext.fixed(myId, view, vote, new SplittableRandom(seed), Map.copyOf(properties));
            return new CoreHarness(provider.newCore(context), startNanos);
        }
    }
}
