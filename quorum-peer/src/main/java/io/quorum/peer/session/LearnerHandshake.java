package io.quorum.peer.session;

import io.quorum.api.Zxid;
import io.quorum.api.election.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The learner's side of a session (follower or observer), PROTOCOL.md section 6.3: register with
 * FOLLOWERINFO/OBSERVERINFO, agree on the epoch (LEADERINFO, ACKEPOCH), sync (DIFF, TRUNC or SNAP
 * and its snapshot stream), NEWLEADER and its ACK, UPTODATE and its ACK, then echo PINGs. A
 * deterministic core: one instance per connection attempt, driven by one thread; effects go
 * through a {@link LearnerOutbox}.
 *
 * <p>We keep no data tree yet, so transactions the leader sends while syncing (PROPOSAL/COMMIT
 * pairs after a DIFF, INFORMs for an observer) are counted and dropped, and once established we
 * never ACK a PROPOSAL: an ACK promises the transaction is logged, which it is not.
 */
public final class LearnerHandshake {
    private enum Phase { IDLE, WAIT_LEADERINFO, WAIT_SYNC, SNAPSHOT, SYNCING, WAIT_UPTODATE, ESTABLISHED, ENDED }

    private final long myId;
    private final boolean observer;
    private final SessionTimings timings;
    private final long currentEpoch;
    private final long lastLoggedZxid;
    private final QuorumPacketCodec codec = QuorumPacketCodec.standard();
    private long acceptedEpoch;
    private long newEpoch = -1;
    private Phase phase = Phase.IDLE;
    private long lastHeard;
    private long transactionsDropped;
    private SnapshotSkipper snapshot;
    /** The sync the leader announced, made durable only at NEWLEADER, inside the updatingEpoch marker. */
    private SyncKind syncKind;
    private long syncZxid;

    /**
     * @param acceptedEpoch, currentEpoch, lastLoggedZxid this peer's durable state when the
     *     session starts (the EpochStore and the transaction log)
     */
    public LearnerHandshake(long myId, boolean observer, long acceptedEpoch, long currentEpoch, long lastLoggedZxid,
            SessionTimings timings) {
        this.myId = myId;
        this.observer = observer;
        this.acceptedEpoch = acceptedEpoch;
        this.currentEpoch = currentEpoch;
        this.lastLoggedZxid = lastLoggedZxid;
        this.timings = timings;
    }

    /** The epoch the leader proposed, or -1 before LEADERINFO. */
    public long newEpoch() {
        return newEpoch;
    }

    /** Whether UPTODATE has arrived and the session is in broadcast. */
    public boolean isEstablished() {
        return phase == Phase.ESTABLISHED;
    }

    /** Whether the session is over (lost was asked). */
    public boolean isEnded() {
        return phase == Phase.ENDED;
    }

    /** Whether the bytes from the leader are now a raw snapshot stream, not packets. */
    public boolean inSnapshotStream() {
        return phase == Phase.SNAPSHOT;
    }

    /**
     * The TCP connection to the leader's quorum port is up: register. The 12-byte LearnerInfo is
     * sent, the 3.4.14 form: both 3.4.14 and 3.9.5 leaders accept it (section 6.1), it is byte for
     * byte what a 3.4.14 learner sends, and we keep no dynamic-config version to report.
     */
    public void connected(long now, LearnerOutbox out) {
        requirePhase(Phase.IDLE, "connected");
        phase = Phase.WAIT_LEADERINFO;
        lastHeard = now;
        PacketType info = observer ? PacketType.OBSERVERINFO : PacketType.FOLLOWERINFO;
        out.send(QuorumPacket.of(info, Zxid.firstOfEpoch(acceptedEpoch), LearnerInfo.v34(myId).encode()));
        out.setTimer(SessionTimer.READ_TIMEOUT, now + timings.initTimeout());
        out.trace("learner " + myId + " registered with " + info + ", acceptedEpoch " + acceptedEpoch);
    }

    /**
     * Bytes read from the leader, from {@code in}'s position to its limit. Decodes packets, or
     * skips the snapshot stream after SNAP, as far as the bytes go; an incomplete packet is left
     * in {@code in} (the driver compacts and appends the next read). Garbage ends the session.
     */
    public void onBytes(ByteBuffer in, long now, LearnerOutbox out) {
        while (phase != Phase.ENDED && in.hasRemaining()) {
            if (phase == Phase.SNAPSHOT) {
                if (!skipSnapshot(in, now, out)) {
                    return;
                }
                continue;
            }
            Optional<DecodeResult<QuorumPacket>> next = codec.decodeNext(in);
            if (next.isEmpty()) {
                return;
            }
            if (next.get() instanceof DecodeResult.Rejected<QuorumPacket> rejected) {
                lose("bad packet from the leader: " + rejected.reason(), out);
                return;
            }
            onPacket(next.get().toOptional().orElseThrow(), now, out);
        }
    }

    /** One packet from the leader (the driver may decode itself and call this, except after SNAP). */
    public void onPacket(QuorumPacket packet, long now, LearnerOutbox out) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (phase == Phase.IDLE || phase == Phase.SNAPSHOT) {
            throw new IllegalStateException("packet " + packet + " while " + phase + ": use onBytes after SNAP");
        }
        lastHeard = now;
        switch (phase) {
            case WAIT_LEADERINFO -> onLeaderInfo(packet, out);
            case WAIT_SYNC -> onSyncStart(packet, out);
            case SYNCING, WAIT_UPTODATE -> onSyncing(packet, now, out);
            default -> onBroadcast(packet, out);
        }
    }

    /** A timer fired. */
    public void onTimer(SessionTimer key, long now, LearnerOutbox out) {
        if (key != SessionTimer.READ_TIMEOUT || phase == Phase.ENDED || phase == Phase.IDLE) {
            return;
        }
        boolean established = phase == Phase.ESTABLISHED;
        long deadline = lastHeard + (established ? timings.syncTimeout() : timings.initTimeout());
        if (now >= deadline) {
            lose("nothing from the leader for " + (established ? "syncLimit" : "initLimit") + " ticks ("
                    + (now - lastHeard) / 1_000_000 + " ms)", out);
        } else {
            out.setTimer(SessionTimer.READ_TIMEOUT, deadline);
        }
    }

    /** The leader closed the connection, or the driver's read failed. */
    public void disconnected(long now, LearnerOutbox out) {
        if (phase != Phase.ENDED) {
            lose("connection to the leader closed", out);
        }
    }

    /** Section 6.3 steps 4 and 5: adopt the new epoch durably, then ACKEPOCH. */
    private void onLeaderInfo(QuorumPacket packet, LearnerOutbox out) {
        OptionalInt version = packet.dataAsInt();
        if (!packet.is(PacketType.LEADERINFO) || version.isEmpty() || version.getAsInt() < LearnerInfo.ZAB_1_0) {
            lose("expected LEADERINFO of Zab 1.0, got " + packet, out);
            return;
        }
        long proposed = Zxid.epochOf(packet.zxid());
        int epochData;
        if (proposed > acceptedEpoch) {
            // Disk first: the ACKEPOCH promises we will not join an older epoch (section 6.5).
            out.persistAcceptedEpoch(proposed);
            acceptedEpoch = proposed;
            epochData = (int) currentEpoch;
        } else if (proposed == acceptedEpoch) {
            epochData = -1; // "already accepted: don't count me as an epoch ack" (section 6.3 step 5)
        } else {
            lose("leader proposes epoch " + proposed + " below our accepted epoch " + acceptedEpoch, out);
            return;
        }
        newEpoch = proposed;
        out.send(QuorumPacket.withInt(PacketType.ACKEPOCH, lastLoggedZxid, epochData));
        phase = Phase.WAIT_SYNC;
        out.trace("learner " + myId + " acked epoch " + proposed + " (data " + epochData + ")");
    }

    /** Section 6.3 step 6: the sync packet comes before NEWLEADER. */
    private void onSyncStart(QuorumPacket packet, LearnerOutbox out) {
        Optional<SyncKind> kind = java.util.Arrays.stream(SyncKind.values())
                .filter(k -> packet.is(k.packetType())).findFirst();
        if (kind.isEmpty()) {
            lose("expected DIFF, TRUNC or SNAP, got " + packet, out);
            return;
        }
        // Not durable yet: a SNAP may carry a zxid of an epoch above our currentEpoch, and a log
        // that is ahead of currentEpoch without the updatingEpoch marker is a data directory that
        // start-up recovery refuses. ZooKeeper takes that snapshot at NEWLEADER, under the marker.
        syncKind = kind.get();
        syncZxid = packet.zxid();
        out.trace("learner " + myId + " syncing by " + kind.get() + " to " + Zxid.toHex(packet.zxid()));
        if (kind.get() == SyncKind.SNAP) {
            snapshot = new SnapshotSkipper(QuorumPacketCodec.DEFAULT_MAX_DATA);
            phase = Phase.SNAPSHOT;
        } else {
            phase = Phase.SYNCING;
        }
    }

    /** Returns true once the whole snapshot went past. */
    private boolean skipSnapshot(ByteBuffer in, long now, LearnerOutbox out) {
        lastHeard = now;
        switch (snapshot.feed(in)) {
            case DONE -> {
                out.trace("learner " + myId + " skipped a snapshot of " + snapshot.nodes() + " nodes");
                snapshot = null;
                phase = Phase.SYNCING;
                return true;
            }
            case REJECTED -> lose("bad snapshot stream: " + snapshot.rejection(), out);
            default -> { }
        }
        return false;
    }

    /** Section 6.3 steps 7 and 8. */
    private void onSyncing(QuorumPacket packet, long now, LearnerOutbox out) {
        PacketType type = PacketType.fromWire(packet.type()).orElse(PacketType.REQUEST);
        switch (type) {
            case PROPOSAL, COMMIT, INFORM, COMMITANDACTIVATE, INFORMANDACTIVATE -> transactionsDropped++;
            // A 3.4 leader pings every learner it knows, synced or not; a syncing learner ignores it.
            case PING -> { }
            case NEWLEADER -> onNewLeader(packet, out);
            case UPTODATE -> onUpToDate(now, out);
            default -> lose("unexpected " + packet + " while syncing", out);
        }
    }

    private void onNewLeader(QuorumPacket packet, LearnerOutbox out) {
        if (phase != Phase.SYNCING || Zxid.epochOf(packet.zxid()) != newEpoch) {
            lose("unexpected " + packet + " (new epoch " + newEpoch + ")", out);
            return;
        }
        // 3.4.14's order (section 6.3 step 7): marker, the sync made durable (its snapshot),
        // currentEpoch, marker removed, then ACK. A crash anywhere in between leaves a data
        // directory recovery accepts: with the marker present, a log ahead of currentEpoch is
        // adopted. After a DIFF our log does not change, so there is no window for the marker to
        // cover and it is skipped (two fsyncs fewer on the failover path). A 3.9.5 leader's config
        // in the data is not needed: our view comes from zoo.cfg.
        boolean logChanges = syncKind != SyncKind.DIFF;
        if (logChanges) {
            out.markUpdatingEpoch();
        }
        out.synced(syncKind, syncZxid);
        out.persistCurrentEpoch(newEpoch);
        if (logChanges) {
            out.clearUpdatingEpoch();
        }
        out.send(ack());
        phase = Phase.WAIT_UPTODATE;
    }

    private void onUpToDate(long now, LearnerOutbox out) {
        if (phase != Phase.WAIT_UPTODATE) {
            lose("UPTODATE before NEWLEADER", out);
            return;
        }
        out.send(ack()); // byte-identical to the NEWLEADER ACK (zab-3.4.14-ack-newleader)
        phase = Phase.ESTABLISHED;
        out.setTimer(SessionTimer.READ_TIMEOUT, now + timings.syncTimeout());
        out.established(newEpoch);
        out.trace("learner " + myId + " up to date in epoch " + newEpoch + ", dropped " + transactionsDropped
                + " transactions while syncing");
    }

    /** Section 6.3 step 9: echo each PING; data is our (empty) session list, length 0. */
    private void onBroadcast(QuorumPacket packet, LearnerOutbox out) {
        if (packet.is(PacketType.PING)) {
            out.send(QuorumPacket.of(PacketType.PING, packet.zxid(), new byte[0]));
        } else {
            out.trace("learner " + myId + " ignores " + packet + ": no data tree");
        }
    }

    private QuorumPacket ack() {
        return QuorumPacket.of(PacketType.ACK, Zxid.firstOfEpoch(newEpoch), null);
    }

    private void lose(String reason, LearnerOutbox out) {
        phase = Phase.ENDED;
        out.trace("learner " + myId + " lost the session: " + reason);
        out.lost(reason);
    }

    private void requirePhase(Phase expected, String input) {
        if (phase != expected) {
            throw new IllegalStateException(input + " while " + phase);
        }
    }
}
