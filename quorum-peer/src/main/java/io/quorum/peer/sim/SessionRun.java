package io.quorum.peer.sim;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.SessionTimer;
import io.quorum.transport.sim.SimHost;
import java.util.EnumMap;
import java.util.Map;

/**
 * One session of one peer, from its election's decision to its end: the driver of a session core.
 * It carries out the core's effects in call order once each call has returned, and stops as soon
 * as the session is over or the peer crashed (a crash may come between two effects). Timers are
 * events that fire only while the session they belong to is the peer's current one.
 */
abstract class SessionRun {
    final ZabSessionLayer layer;
    final SimHost host;
    final SimPeer peer;
    final Decision decision;
    final long startedNanos;
    private final Map<SessionTimer, Long> timerTokens = new EnumMap<>(SessionTimer.class);
    private long nextTimerToken;
    private boolean ended;
    private long establishedEpoch = -1;

    SessionRun(ZabSessionLayer layer, SimPeer peer, Decision decision) {
        this.layer = layer;
        this.host = layer.host();
        this.peer = peer;
        this.decision = decision;
        this.startedNanos = host.now();
    }

    /** Whether this is still the peer's session: not ended, and the peer has not crashed since. */
    final boolean isCurrent() {
        return !ended && peer.session() == this;
    }

    final long establishedEpoch() {
        return establishedEpoch;
    }

    final boolean isEstablished() {
        return establishedEpoch >= 0;
    }

    /** Carries out the effects of one core call, in order. */
    final void apply(SessionEffects out) {
        for (SessionEffects.Effect effect : out.drain()) {
            if (!isCurrent()) {
                return;
            }
            applyOne(effect);
        }
    }

    private void applyOne(SessionEffects.Effect effect) {
        if (effect instanceof SessionEffects.Send send) {
            send(send.connId(), send.packet());
        } else if (effect instanceof SessionEffects.SendRaw raw) {
            sendRaw(raw.connId(), raw.bytes());
        } else if (effect instanceof SessionEffects.Close close) {
            closeLearner(close.connId(), close.reason());
        } else if (effect instanceof SessionEffects.Persist persist) {
            beforeWrite(persist.write(), persist.epoch());
            layer.persist(peer, persist.write(), persist.epoch());
        } else if (effect instanceof SessionEffects.LogEpochStart start) {
            layer.logEpochStart(peer, start.zxid());
        } else if (effect instanceof SessionEffects.Synced synced) {
            layer.synced(peer, synced.kind(), synced.zxid());
        } else if (effect instanceof SessionEffects.SetTimer set) {
            setTimer(set.key(), set.deadlineNanos());
        } else if (effect instanceof SessionEffects.Established established) {
            establishedEpoch = established.epoch();
            onEstablished(established.epoch());
            if (isCurrent()) {
                reportEpoch(established.epoch());
            }
        } else if (effect instanceof SessionEffects.Lost lost) {
            end(lost.reason());
        } else if (effect instanceof SessionEffects.TraceLine line) {
            host.trace("n" + peer.sid + " session: " + line.line());
        }
    }

    /**
     * The session synced: the vote other peers are answered with now carries the new epoch
     * (ZOOKEEPER-1732), as QuorumPeer does.
     */
    private void reportEpoch(long epoch) {
        Vote vote = decision.vote();
        Vote current = new Vote(vote.leader(), vote.zxid(), vote.electionEpoch(), epoch, decision.role(), vote.version());
        host.peerState(peer.index, decision.role(), current);
    }

    private void setTimer(SessionTimer key, long deadlineNanos) {
        long token = ++nextTimerToken;
        timerTokens.put(key, token);
        host.schedule(deadlineNanos, () -> {
            Long live = timerTokens.get(key);
            if (isCurrent() && live != null && live == token) {
                timerTokens.remove(key);
                onTimer(key);
            }
        });
    }

    /**
     * The session is over: its connections close, its timers are forgotten, and the peer looks
     * for a leader again, as QuorumPeer's main loop does after a session returns.
     */
    final void end(String reason) {
        if (!isCurrent()) {
            return;
        }
        ended = true;
        host.trace("n" + peer.sid + " " + decision.role() + " session ended: " + reason);
        closeAll();
        peer.session(null);
        host.lookAgain(peer.index, "looking-again");
    }

    /** The role, leader and epoch in a few words, for liveness reports. */
    final String describe() {
        String role = decision.role() == ServerState.LEADING ? "LEADING"
                : decision.role() + "(" + decision.leader() + ")";
        return role + (isEstablished() ? "@" + establishedEpoch : "[syncing]");
    }

    abstract void send(long connId, QuorumPacket packet);

    abstract void sendRaw(long connId, byte[] bytes);

    /** Only a leader closes a learner's connection. */
    void closeLearner(long connId, String reason) {
        throw new IllegalStateException("a learner has no learner connections to close");
    }

    /** Called before a store write is carried out, so that a leader can note its epoch and its epoch quorum. */
    void beforeWrite(SessionEffects.Write write, long epoch) {
    }

    abstract void onEstablished(long epoch);

    abstract void onTimer(SessionTimer key);

    abstract void closeAll();
}
