package io.quorum.transport.sim;

import io.quorum.transport.core.EffectBuffer;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Drives the cores of every peer: makes them from the provider, calls them one input at a time,
 * and carries out the effects each call buffered in its {@link EffectBuffer} once the call has
 * returned. Breaches of the core contract (throwing, deciding outside a round) are collected for
 * the simulation to report as violations.
 */
final class SimDriver implements SimNetwork.Peers {
    @FunctionalInterface
    private interface CoreCall {
        void invoke(ElectionCore core, Outbox out);
    }

    private final ElectionProvider provider;
    private final PeerLayer layer;
    private final Ensemble ensemble;
    private final Map<String, String> properties;
    private final SimClock clock;
    private final EventQueue queue;
    private final Trace trace;
    private final SimNode[] nodes;
    private final SplittableRandom[] coreRandoms;
    private final List<String> contractBreaches = new ArrayList<>();
    private final Runnable roundOpened;
    private SimNetwork network;

    /**
     * @param roundOpened told whenever a peer opens a round, before its core hears of it
     */
    SimDriver(ElectionProvider provider, PeerLayer layer, Ensemble ensemble, Map<String, String> properties,
            SplittableRandom coreRandom, SimClock clock, EventQueue queue, Trace trace, Runnable roundOpened) {
        this.provider = provider;
        this.layer = layer;
        this.roundOpened = roundOpened;
        this.ensemble = ensemble;
        this.properties = properties;
        this.clock = clock;
        this.queue = queue;
        this.trace = trace;
        List<Vote> votes = ensemble.initialVotes();
        this.nodes = new SimNode[votes.size()];
        this.coreRandoms = new SplittableRandom[votes.size()];
        for (int i = 0; i < nodes.length; i++) {
            long sid = i + 1;
            LearnerType type = ensemble.view().isVoter(sid) ? LearnerType.PARTICIPANT : LearnerType.OBSERVER;
            nodes[i] = new SimNode(sid, type, ensemble.initialVote(sid));
            coreRandoms[i] = coreRandom.split();
        }
    }

    void attach(SimNetwork net) {
        this.network = net;
    }

    List<NodeView> views() {
        return List.of(nodes);
    }

    SimNode node(int index) {
        return nodes[index];
    }

    int size() {
        return nodes.length;
    }

    /** Contract breaches seen since the last call, which are then forgotten. */
    List<String> drainBreaches() {
        List<String> out = new ArrayList<>(contractBreaches);
        contractBreaches.clear();
        return out;
    }

    /**
     * Makes a fresh core for a peer once its layer has recovered what the peer persisted; the core
     * reads its history from the layer at every round. Each life gets its own random stream. A
     * peer whose layer cannot recover stays down.
     */
    void boot(int i) {
        SimNode node = nodes[i];
        if (!layer.boot(i)) {
            trace.add(clock.now(), "n" + node.sid() + " cannot start");
            return;
        }
        SimContext context = new SimContext(node.sid(), ensemble.view(), () -> layer.initialVote(i),
                coreRandoms[i].split(), properties);
        node.boot(provider.newCore(context));
        trace.add(clock.now(), "n" + node.sid() + " boot incarnation=" + node.incarnation());
    }

    void start(int i) {
        SimNode node = nodes[i];
        if (!node.isUp()) {
            return;
        }
        trace.add(clock.now(), "n" + node.sid() + " start-round");
        node.openRound();
        roundOpened.run();
        call(i, (core, out) -> core.start(clock.now(), out));
    }

    void crash(int i) {
        SimNode node = nodes[i];
        if (!node.isUp()) {
            return;
        }
        trace.add(clock.now(), "n" + node.sid() + " crash");
        node.crash();
        layer.crashed(i);
        network.peerChanged(i);
    }

    /** Restarts a crashed peer: a new core from the provider, a new round, then its streams reconnect. */
    void restart(int i) {
        if (nodes[i].isUp()) {
            return;
        }
        trace.add(clock.now(), "n" + nodes[i].sid() + " restart");
        boot(i);
        start(i);
        network.peerChanged(i);
    }

    /**
     * The peer lost its leader (or, as leader, its followers) and goes back to LOOKING: the core
     * hears the state change, then a new round starts, as QuorumPeer's main loop does.
     */
    void loseLeader(int i, String why) {
        SimNode node = nodes[i];
        Decision last = node.decision();
        if (!node.isUp() || last == null) {
            return;
        }
        trace.add(clock.now(), "n" + node.sid() + " " + why + " " + last.leader());
        node.openRound();
        roundOpened.run();
        Vote looking = last.vote().withState(ServerState.LOOKING);
        call(i, (core, out) -> core.onPeerState(ServerState.LOOKING, looking, clock.now(), out));
        call(i, (core, out) -> core.start(clock.now(), out));
    }

    /** Tells the peer's core its state outside the election (a session established, for example). */
    void peerState(int i, ServerState state, Vote vote) {
        call(i, (core, out) -> core.onPeerState(state, vote, clock.now(), out));
    }

    @Override
    public boolean isUp(int index) {
        return nodes[index].isUp();
    }

    @Override
    public int incarnation(int index) {
        return nodes[index].incarnation();
    }

    @Override
    public void deliver(int to, Source from, byte[] payload) {
        call(to, (core, out) -> core.onMessage(from, ByteBuffer.wrap(payload).asReadOnlyBuffer(), clock.now(), out));
    }

    @Override
    public void refused(int index, long otherSid) {
        call(index, (core, out) -> core.onUnreachable(otherSid, clock.now(), out));
    }

    @Override
    public void linkChanged(int index, long otherSid, boolean up) {
        call(index, (core, out) -> core.onLink(otherSid, up, clock.now(), out));
    }

    private void fireTimer(int i, TimerKey key, long token, int incarnation) {
        if (nodes[i].fireTimer(key, token, incarnation)) {
            trace.add(clock.now(), "n" + nodes[i].sid() + " timer " + key);
            call(i, (core, out) -> core.onTimer(key, clock.now(), out));
        }
    }

    private void call(int i, CoreCall coreCall) {
        SimNode node = nodes[i];
        if (!node.isUp()) {
            return;
        }
        EffectBuffer out = new EffectBuffer();
        try {
            coreCall.invoke(node.core(), out);
        } catch (RuntimeException e) {
            breach(node, "threw " + e);
            return;
        }
        Decision decided = apply(i, out.effects());
        if (decided != null && node.isUp()) {
            call(i, (core, o) -> core.onPeerState(decided.role(), decided.vote(), clock.now(), o));
            if (node.isUp() && node.decision() == decided) {
                layer.decided(i, decided);
            }
        }
    }

    /** Carries out one call's effects in order; returns the decision among them, if any. */
    private Decision apply(int i, List<EffectBuffer.Effect> effects) {
        SimNode node = nodes[i];
        Decision decided = null;
        for (EffectBuffer.Effect effect : effects) {
            if (effect instanceof EffectBuffer.Send send) {
                send(i, send.to(), send.payload());
            } else if (effect instanceof EffectBuffer.SetTimer set) {
                long token = node.armTimer(set.key());
                int incarnation = node.incarnation();
                queue.schedule(Math.max(clock.now(), set.deadlineNanos()),
                        () -> fireTimer(i, set.key(), token, incarnation));
            } else if (effect instanceof EffectBuffer.CancelTimer cancel) {
                node.cancelTimer(cancel.key());
            } else if (effect instanceof EffectBuffer.Decide decide) {
                Decision d = decide(node, decide);
                decided = d != null ? d : decided;
            } else if (effect instanceof EffectBuffer.LookAgain again) {
                lookAgainLater(i, again.reason());
            } else if (effect instanceof EffectBuffer.TraceLine line) {
                trace.add(clock.now(), "n" + node.sid() + " core: " + line.line());
            }
        }
        return decided;
    }

    /**
     * A core asked its peer to end its session: the peer layer ends it as the next event (so the
     * core is not re-entered), if the peer still holds the same decision then; as in the runtime,
     * a request while a round is open is ignored.
     */
    private void lookAgainLater(int i, String reason) {
        SimNode node = nodes[i];
        Decision held = node.decision();
        int incarnation = node.incarnation();
        trace.add(clock.now(), "n" + node.sid() + " look-again requested: " + reason);
        if (held == null || node.isLooking()) {
            return;
        }
        queue.schedule(clock.now(), () -> {
            if (node.isUp() && node.incarnation() == incarnation && node.decision() == held) {
                layer.loseSession(i);
            }
        });
    }

    /** Routes as the runtime does ({@link io.quorum.api.election.Endpoint#sentFrom}). */
    private void send(int i, Destination to, byte[] payload) {
        if (to instanceof Destination.ToPeer peer) {
            network.send(i, peer.sid(), peer.endpoint(), peer.endpoint().sentFrom(provider.endpoints()), payload);
        } else if (to instanceof Destination.Reply reply && reply.source().route() instanceof SimRoute route) {
            network.send(i, route.sid(), route.endpoint(), reply.source().endpoint(), payload);
        } else {
            breach(nodes[i], "replied along a route the simulator never gave out: " + to);
        }
    }

    private Decision decide(SimNode node, EffectBuffer.Decide decide) {
        if (!node.isLooking()) {
            breach(node, "decided outside a round: " + decide.vote());
            return null;
        }
        if (decide.role() == ServerState.LOOKING) {
            breach(node, "decided LOOKING");
            return null;
        }
        Decision d = new Decision(decide.vote(), decide.role());
        node.decided(d);
        trace.add(clock.now(), "n" + node.sid() + " decide leader=" + d.leader() + " role=" + d.role()
                + " zxid=0x" + Long.toHexString(d.vote().zxid()) + " peerEpoch=" + d.vote().peerEpoch());
        return d;
    }

    private void breach(SimNode node, String what) {
        String line = "n" + node.sid() + " broke the core contract: " + what;
        trace.add(clock.now(), line);
        contractBreaches.add(line);
    }
}
