package io.quorum.peer.sim;

import io.quorum.api.election.Decision;
import io.quorum.peer.session.PacketType;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.QuorumPacketCodec;
import io.quorum.peer.session.SessionTimer;
import java.nio.ByteBuffer;

/**
 * A follower's or observer's session: connect to the elected leader's quorum port, retrying
 * quickly while it refuses (it may not have decided yet) until initLimit ticks have passed, then
 * run the learner core over the connection's bytes. A broken connection ends the session.
 */
final class LearnerRun extends SessionRun {
    private final SessionCores cores;
    private final int leaderIndex;
    private final long connectDeadline;
    private long connId = -1;
    private SessionCores.LearnerSession core;
    private byte[] pending = new byte[0];
    private long refusedSince = -1;

    LearnerRun(ZabSessionLayer layer, SimPeer peer, Decision decision, SessionCores cores) {
        super(layer, peer, decision);
        this.cores = cores;
        this.leaderIndex = (int) decision.leader() - 1;
        this.connectDeadline = host.now() + layer.settings().timings().initTimeout();
    }

    long leaderSid() {
        return decision.leader();
    }

    void start() {
        if (leaderIndex < 0 || leaderIndex >= layer.size() || leaderIndex == peer.index) {
            end("elected leader " + decision.leader() + " is not another server in the view");
            return;
        }
        attempt();
    }

    private void attempt() {
        connId = host.connect(peer.index, leaderIndex);
    }

    void connected(long id) {
        if (id != connId || core != null) {
            return;
        }
        core = cores.learner(peer.sid, peer.isObserver(), peer.history(), layer.settings().timings());
        SessionEffects out = new SessionEffects();
        core.connected(host.now(), out);
        apply(out);
    }

    void received(long id, byte[] bytes) {
        if (id != connId || core == null) {
            return;
        }
        byte[] all = pending.length == 0 ? bytes : concat(pending, bytes);
        ByteBuffer in = ByteBuffer.wrap(all);
        SessionEffects out = new SessionEffects();
        core.onBytes(in, host.now(), out);
        pending = new byte[in.remaining()];
        in.get(pending);
        apply(out);
    }

    void disconnected(long id) {
        if (id != connId) {
            return;
        }
        connId = -1;
        if (core == null) {
            retry();
            return;
        }
        SessionEffects out = new SessionEffects();
        core.disconnected(host.now(), out);
        apply(out);
    }

    /**
     * The leader refused or could not be reached (the simulator answers both with a refusal): try
     * again soon, until initLimit ticks are up, or until it has refused for
     * {@link io.quorum.peer.session.SessionTimings#refusedTimeout()}, as the real learner does.
     */
    private void retry() {
        long now = host.now();
        if (refusedSince < 0) {
            refusedSince = now;
        }
        long at = now + layer.settings().connectRetryNanos();
        if (at > connectDeadline) {
            end("could not connect to leader " + decision.leader() + " within initLimit");
            return;
        }
        if (now - refusedSince >= layer.settings().timings().refusedTimeout()) {
            end("could not connect to leader " + decision.leader() + ": it refuses connections, so it is not leading");
            return;
        }
        host.schedule(at, () -> {
            if (isCurrent()) {
                attempt();
            }
        });
    }

    @Override
    void send(long ignored, QuorumPacket packet) {
        if (connId < 0) {
            return;
        }
        if (packet.is(PacketType.ACKEPOCH)) {
            layer.ledger().ackEpochSent(connId, peer.history());
        }
        host.write(peer.index, connId, QuorumPacketCodec.encode(packet));
    }

    @Override
    void sendRaw(long ignored, byte[] bytes) {
        if (connId >= 0) {
            host.write(peer.index, connId, bytes);
        }
    }

    @Override
    void onEstablished(long epoch) {
        layer.ledger().learnerEstablished(new PeerLedger.Following(epoch, peer.sid, decision.leader(), host.now()));
    }

    @Override
    void onTimer(SessionTimer key) {
        if (core == null) {
            return;
        }
        SessionEffects out = new SessionEffects();
        core.onTimer(key, host.now(), out);
        apply(out);
    }

    @Override
    void closeAll() {
        if (connId >= 0) {
            host.close(peer.index, connId);
            connId = -1;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
