package io.quorum.peer.session;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records every effect of a session core as one line, in call order, for assertions. */
final class RecordingOutbox implements LearnerOutbox, LeaderOutbox {
    final List<String> effects = new ArrayList<>();
    /** Every effect ever recorded, drained or not. */
    final List<String> history = new ArrayList<>();
    final List<String> traces = new ArrayList<>();

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The effects after the ones already looked at, and forget them. */
    List<String> drain() {
        List<String> out = List.copyOf(effects);
        history.addAll(out);
        effects.clear();
        return out;
    }

    @Override
    public void send(QuorumPacket packet) {
        effects.add("send " + hex(QuorumPacketCodec.encode(packet)));
    }

    @Override
    public void synced(SyncKind kind, long zxid) {
        effects.add("synced " + kind + " 0x" + Long.toHexString(zxid));
    }

    @Override
    public void send(long connId, QuorumPacket packet) {
        effects.add("send " + connId + " " + hex(QuorumPacketCodec.encode(packet)));
    }

    @Override
    public void sendRaw(long connId, byte[] bytes) {
        effects.add("sendRaw " + connId + " " + hex(bytes));
    }

    @Override
    public void close(long connId, String reason) {
        effects.add("close " + connId);
    }

    @Override
    public void logEpochStart(long zxid) {
        effects.add("logEpochStart 0x" + Long.toHexString(zxid));
    }

    @Override
    public void persistAcceptedEpoch(long epoch) {
        effects.add("persistAcceptedEpoch " + epoch);
    }

    @Override
    public void markUpdatingEpoch() {
        effects.add("markUpdatingEpoch");
    }

    @Override
    public void persistCurrentEpoch(long epoch) {
        effects.add("persistCurrentEpoch " + epoch);
    }

    @Override
    public void clearUpdatingEpoch() {
        effects.add("clearUpdatingEpoch");
    }

    @Override
    public void setTimer(SessionTimer key, long deadlineNanos) {
        effects.add("setTimer " + key + " " + deadlineNanos);
    }

    @Override
    public void established(long epoch) {
        effects.add("established " + epoch);
    }

    @Override
    public void lost(String reason) {
        effects.add("lost " + reason);
    }

    @Override
    public void trace(String line) {
        traces.add(line);
    }
}
