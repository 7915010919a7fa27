package io.quorum.peer.sim;

import io.quorum.peer.session.LeaderOutbox;
import io.quorum.peer.session.LearnerOutbox;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.SessionTimer;
import io.quorum.peer.session.SyncKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The effects one call of a session core asked for, buffered in call order so that the driver
 * carries them out after the call returns (the {@link io.quorum.peer.session.SessionOutbox}
 * contract). A learner's sends carry connection id -1: a learner has one connection.
 */
final class SessionEffects implements LeaderOutbox, LearnerOutbox {

    sealed interface Effect permits Send, SendRaw, Close, Persist, LogEpochStart, Synced, SetTimer, Established, Lost,
            TraceLine {
    }

    /** The four epoch-store writes, in the order the handshake makes them. */
    enum Write { ACCEPTED_EPOCH, MARK_UPDATING, CURRENT_EPOCH, CLEAR_UPDATING }

    record Send(long connId, QuorumPacket packet) implements Effect {
    }

    record SendRaw(long connId, byte[] bytes) implements Effect {
    }

    record Close(long connId, String reason) implements Effect {
    }

    record Persist(Write write, long epoch) implements Effect {
    }

    record LogEpochStart(long zxid) implements Effect {
    }

    record Synced(SyncKind kind, long zxid) implements Effect {
    }

    record SetTimer(SessionTimer key, long deadlineNanos) implements Effect {
    }

    record Established(long epoch) implements Effect {
    }

    record Lost(String reason) implements Effect {
    }

    record TraceLine(String line) implements Effect {
    }

    private final List<Effect> effects = new ArrayList<>();

    /** The effects so far, which are then forgotten. */
    List<Effect> drain() {
        List<Effect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }

    @Override
    public void send(long connId, QuorumPacket packet) {
        effects.add(new Send(connId, packet));
    }

    @Override
    public void send(QuorumPacket packet) {
        effects.add(new Send(-1, packet));
    }

    @Override
    public void sendRaw(long connId, byte[] bytes) {
        effects.add(new SendRaw(connId, bytes.clone()));
    }

    @Override
    public void close(long connId, String reason) {
        effects.add(new Close(connId, reason));
    }

    @Override
    public void logEpochStart(long zxid) {
        effects.add(new LogEpochStart(zxid));
    }

    @Override
    public void synced(SyncKind kind, long zxid) {
        effects.add(new Synced(kind, zxid));
    }

    @Override
    public void persistAcceptedEpoch(long epoch) {
        effects.add(new Persist(Write.ACCEPTED_EPOCH, epoch));
    }

    @Override
    public void markUpdatingEpoch() {
        effects.add(new Persist(Write.MARK_UPDATING, 0));
    }

    @Override
    public void persistCurrentEpoch(long epoch) {
        effects.add(new Persist(Write.CURRENT_EPOCH, epoch));
    }

    @Override
    public void clearUpdatingEpoch() {
        effects.add(new Persist(Write.CLEAR_UPDATING, 0));
    }

    @Override
    public void setTimer(SessionTimer key, long deadlineNanos) {
        effects.add(new SetTimer(key, deadlineNanos));
    }

    @Override
    public void established(long epoch) {
        effects.add(new Established(epoch));
    }

    @Override
    public void lost(String reason) {
        effects.add(new Lost(reason));
    }

    @Override
    public void trace(String line) {
        effects.add(new TraceLine(line));
    }
}
