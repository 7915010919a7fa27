package io.quorum.peer.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.election.DecodeResult;
import io.quorum.peer.session.PacketType;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.QuorumPacketCodec;
import io.quorum.peer.session.SessionTimer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A leader's session: it listens on the quorum port, feeds its core each learner's packets as
 * they decode from the connection's bytes, and records, for the invariants, who acknowledged its
 * epoch and was kept, with which history (taken from the learner peer itself, not from what it
 * claimed), and who acknowledged NEWLEADER before the epoch was established.
 */
final class LeaderRun extends SessionRun {
    /** One learner connection: the peer at the other end and the bytes not yet decoded. */
    private static final class Learner {
        final int index;
        byte[] pending = new byte[0];

        Learner(int index) {
            this.index = index;
        }
    }

    private final SessionCores.LeaderSession core;
    private final QuorumPacketCodec codec = QuorumPacketCodec.standard();
    private final History atStart;
    private final Map<Long, Learner> learners = new TreeMap<>();
    private final Map<Long, History> epochAckers = new TreeMap<>();
    private final Set<Long> newLeaderAckers = new TreeSet<>();
    private boolean epochQuorum;
    private long proposedEpoch = -1;

    LeaderRun(ZabSessionLayer layer, SimPeer peer, Decision decision, SessionCores cores) {
        super(layer, peer, decision);
        this.atStart = peer.history();
        this.core = cores.leader(peer.sid, layer.view(), atStart, layer.settings().timings());
    }

    void lead() {
        SessionEffects out = new SessionEffects();
        core.lead(host.now(), out);
        apply(out);
    }

    /** A leader listens for learners from the moment it leads until its session ends. */
    boolean listening() {
        return isCurrent();
    }

    void accepted(long connId, int fromIndex) {
        learners.put(connId, new Learner(fromIndex));
        SessionEffects out = new SessionEffects();
        core.learnerConnected(connId, host.now(), out);
        apply(out);
    }

    void received(long connId, byte[] bytes) {
        Learner learner = learners.get(connId);
        if (learner == null) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(concat(learner.pending, bytes));
        while (isCurrent() && learners.get(connId) == learner) {
            Optional<DecodeResult<QuorumPacket>> next = codec.decodeNext(in);
            if (next.isEmpty()) {
                break;
            }
            if (next.get() instanceof DecodeResult.Rejected<QuorumPacket> rejected) {
                dropGarbage(connId, rejected.reason());
                return;
            }
            QuorumPacket packet = next.get().toOptional().orElseThrow();
            boolean freshEpochAck = isFreshEpochAck(learner, packet);
            noteNewLeaderAck(learner, packet);
            SessionEffects out = new SessionEffects();
            core.onPacket(connId, packet, host.now(), out);
            apply(out);
            if (freshEpochAck && isCurrent() && learners.get(connId) == learner) {
                recordEpochAck(learner, connId);
            }
        }
        learner.pending = new byte[in.remaining()];
        in.get(learner.pending);
    }

    private void dropGarbage(long connId, String reason) {
        host.trace("n" + peer.sid + " drops q#" + connId + ": " + reason);
        learners.remove(connId);
        host.close(peer.index, connId);
        SessionEffects out = new SessionEffects();
        core.learnerDisconnected(connId, host.now(), out);
        apply(out);
    }

    void disconnected(long connId) {
        if (learners.remove(connId) == null) {
            return;
        }
        SessionEffects out = new SessionEffects();
        core.learnerDisconnected(connId, host.now(), out);
        apply(out);
    }

    /**
     * Whether a packet is a voter's ACKEPOCH of a new epoch (not -1) arriving before the epoch
     * quorum: if the core keeps the learner after it (it drops one that is ahead), the learner
     * is one of the quorum that acknowledged the epoch.
     */
    private boolean isFreshEpochAck(Learner learner, QuorumPacket packet) {
        return layer.peer(learner.index).learnerType == LearnerType.PARTICIPANT && !isEstablished() && !epochQuorum
                && packet.is(PacketType.ACKEPOCH) && packet.dataAsInt().orElse(-1) != -1;
    }

    /** The history the learner really had when it sent its ACKEPOCH, not what it claimed. */
    private void recordEpochAck(Learner learner, long connId) {
        History sent = layer.ledger().ackEpochHistory(connId);
        if (sent != null) {
            epochAckers.put(layer.peer(learner.index).sid, sent);
        }
    }

    /** A voter's ACK of NEWLEADER before establishment. */
    private void noteNewLeaderAck(Learner learner, QuorumPacket packet) {
        SimPeer from = layer.peer(learner.index);
        if (from.learnerType == LearnerType.PARTICIPANT && !isEstablished() && packet.is(PacketType.ACK)
                && proposedEpoch >= 0 && packet.zxid() == Zxid.firstOfEpoch(proposedEpoch)) {
            newLeaderAckers.add(from.sid);
        }
    }

    @Override
    void send(long connId, QuorumPacket packet) {
        if (packet.is(PacketType.LEADERINFO)) {
            proposedEpoch = Zxid.epochOf(packet.zxid());
        }
        host.write(peer.index, connId, QuorumPacketCodec.encode(packet));
    }

    @Override
    void sendRaw(long connId, byte[] bytes) {
        host.write(peer.index, connId, bytes);
    }

    @Override
    void closeLearner(long connId, String reason) {
        learners.remove(connId);
        host.close(peer.index, connId);
    }

    /** The leader writes acceptedEpoch when it fixes the epoch, and starts currentEpoch's write on its epoch quorum. */
    @Override
    void beforeWrite(SessionEffects.Write write, long epoch) {
        if (write == SessionEffects.Write.ACCEPTED_EPOCH) {
            proposedEpoch = epoch;
        }
        if (write == SessionEffects.Write.CURRENT_EPOCH || write == SessionEffects.Write.MARK_UPDATING) {
            epochQuorum = true;
        }
    }

    @Override
    void onEstablished(long epoch) {
        layer.ledger().leaderEstablished(new PeerLedger.Establishment(epoch, peer.sid, host.now(), atStart,
                Map.copyOf(epochAckers), Set.copyOf(newLeaderAckers)));
    }

    @Override
    void onTimer(SessionTimer key) {
        SessionEffects out = new SessionEffects();
        core.onTimer(key, host.now(), out);
        apply(out);
    }

    @Override
    void closeAll() {
        for (long connId : new ArrayList<>(learners.keySet())) {
            host.close(peer.index, connId);
        }
        learners.clear();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
