package io.quorum.election.legacy;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.sim.EventQueue;
import io.quorum.transport.sim.SimClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A small deterministic network for ZooKeeper's own alg 0 scenarios (LETest, LENonTerminateTest),
 * which need what the seeded {@code Simulation} does not offer: a test that reacts to decisions
 * (the first leader dies), and a peer that is a scripted responder rather than a core. It runs on
 * the simulator's kernel (virtual {@link SimClock}, {@link EventQueue}, {@link EffectBuffer}) and
 * routes datagrams as the simulator and the runtime do ({@link Endpoint#sentFrom}). Datagrams are
 * never lost; each takes a seeded latency.
 */
final class LegacyNet {
    static final long MS = 1_000_000L;

    /** Where a reply goes: the sender and the socket it sent from. */
    record Route(long sid, Endpoint endpoint) {
    }

    /** Anything at a sid that datagrams can be delivered to. */
    interface Station {
        void receive(Source from, byte[] payload);
    }

    private final ElectionProvider provider = new LeaderElectionProvider();
    private final SimClock clock = new SimClock();
    private final EventQueue queue = new EventQueue();
    private final SplittableRandom random;
    private final QuorumView view;
    private final long latencyMinNanos;
    private final long jitterNanos;
    private final Map<Long, Station> stations = new TreeMap<>();
    private final List<String> trace = new ArrayList<>();

    LegacyNet(QuorumView view, long seed, long latencyMinNanos, long jitterNanos) {
        this.view = view;
        this.random = new SplittableRandom(seed);
        this.latencyMinNanos = latencyMinNanos;
        this.jitterNanos = jitterNanos;
    }

    long now() {
        return clock.now();
    }

    SplittableRandom random() {
        return random;
    }

    List<String> trace() {
        return trace;
    }

    /** A peer running a LeaderElection core with history {@code zxid}. */
    Peer peer(long sid, long zxid, Map<String, String> properties) {
        Peer peer = new Peer(sid, zxid, properties);
        stations.put(sid, peer);
        return peer;
    }

    /** Puts a scripted station at {@code sid} in place of a peer. */
    void station(long sid, Station station) {
        stations.put(sid, station);
    }

    /** Runs {@code action} at virtual time {@code timeNanos}. */
    void at(long timeNanos, Runnable action) {
        queue.schedule(Math.max(timeNanos, clock.now()), action);
    }

    /** Runs events until {@code done} holds or the next event is past {@code deadlineNanos}; returns {@code done}. */
    boolean runUntil(long deadlineNanos, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            EventQueue.Event next = queue.peek();
            if (next == null || next.timeNanos() > deadlineNanos) {
                return false;
            }
            queue.poll();
            clock.advanceTo(next.timeNanos());
            next.action().run();
        }
        return true;
    }

    /** Sends from station {@code from} as the simulator routes it. */
    void send(long from, Destination to, byte[] payload) {
        long target;
        Endpoint arrival;
        Endpoint leftFrom;
        if (to instanceof Destination.ToPeer peer) {
            target = peer.sid();
            arrival = peer.endpoint();
            leftFrom = peer.endpoint().sentFrom(provider.endpoints());
        } else {
            Destination.Reply reply = (Destination.Reply) to;
            Route route = (Route) reply.source().route();
            target = route.sid();
            arrival = route.endpoint();
            leftFrom = reply.source().endpoint();
        }
        Station station = stations.get(target);
        if (station == null) {
            return;
        }
        long delay = from == target ? 0 : latencyMinNanos + random.nextLong(jitterNanos + 1);
        Source source = new Source(from, arrival, new Route(from, leftFrom));
        queue.schedule(clock.now() + delay, () -> station.receive(source, payload));
    }

    /** A peer: its core, its timers, whether it is up, and what it decided. */
    final class Peer implements Station {
        final long sid;
        final long zxid;
        private final ElectionCore core;
        private final Map<TimerKey, Long> timers = new HashMap<>();
        private long nextToken;
        private boolean up = true;
        private Decision decision;
        private int decisions;
        private BiConsumer<Peer, Decision> onDecision = (p, d) -> { };

        private Peer(long sid, long zxid, Map<String, String> properties) {
            this.sid = sid;
            this.zxid = zxid;
            this.core = provider.newCore(new Context(sid, view, Vote.initial(sid, zxid, 0), random.split(), properties));
        }

        void onDecision(BiConsumer<Peer, Decision> listener) {
            this.onDecision = listener;
        }

        boolean isUp() {
            return up;
        }

        Decision decision() {
            return decision;
        }

        int decisions() {
            return decisions;
        }

        /** Calls lookForLeader. */
        void lookForLeader() {
            decision = null;
            call((c, out) -> c.start(clock.now(), out));
        }

        /** Goes back to LOOKING with a vote for itself and looks again, as LETest's threads do. */
        void lookAgain() {
            decision = null;
            call((c, out) -> c.onPeerState(ServerState.LOOKING, Vote.initial(sid, zxid, 0), clock.now(), out));
            call((c, out) -> c.start(clock.now(), out));
        }

        /** Stops the peer for good: its responder and its requester are gone (LETest's stopLeaderElection). */
        void die() {
            trace.add(SimClock.format(clock.now()) + " n" + sid + " dies");
            up = false;
            timers.clear();
        }

        @Override
        public void receive(Source from, byte[] payload) {
            call((c, out) -> c.onMessage(from, ByteBuffer.wrap(payload).asReadOnlyBuffer(), clock.now(), out));
        }

        private void fire(TimerKey key, long token) {
            Long live = timers.get(key);
            if (live != null && live == token) {
                timers.remove(key);
                call((c, out) -> c.onTimer(key, clock.now(), out));
            }
        }

        private void call(BiConsumer<ElectionCore, Outbox> input) {
            if (!up) {
                return;
            }
            EffectBuffer out = new EffectBuffer();
            input.accept(core, out);
            Decision decided = null;
            for (EffectBuffer.Effect effect : out.drain()) {
                if (effect instanceof EffectBuffer.Send s) {
                    send(sid, s.to(), s.payload());
                } else if (effect instanceof EffectBuffer.SetTimer t) {
                    long token = ++nextToken;
                    timers.put(t.key(), token);
                    queue.schedule(Math.max(clock.now(), t.deadlineNanos()), () -> fire(t.key(), token));
                } else if (effect instanceof EffectBuffer.CancelTimer c) {
                    timers.remove(c.key());
                } else if (effect instanceof EffectBuffer.Decide d) {
                    decided = new Decision(d.vote(), d.role());
                } else if (effect instanceof EffectBuffer.TraceLine line) {
                    trace.add(SimClock.format(clock.now()) + " n" + sid + " " + line.line());
                }
            }
            if (decided != null) {
                decision = decided;
                decisions++;
                onDecision.accept(this, decided);
            }
        }
    }

    private record Context(long myId, QuorumView view, Vote initialVote, RandomGenerator random,
            Map<String, String> properties) implements ElectionContext {
    }
}
