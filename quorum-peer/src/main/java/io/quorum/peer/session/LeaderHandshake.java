package io.quorum.peer.session;

import io.quorum.api.Zxid;
import io.quorum.api.election.DecodeResult;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.session.LearnerConnection.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The leader's side of the sessions (PROTOCOL.md section 6.3 seen from the leader): gather a
 * quorum of FOLLOWERINFO, fix and persist the new epoch, send LEADERINFO; gather a quorum of
 * ACKEPOCH, sync each learner and send NEWLEADER while persisting currentEpoch; gather a quorum of ACKs,
 * send UPTODATE and establish the epoch; then ping every tickTime/2 and keep a quorum. The leader
 * counts itself in every quorum; observers and servers the view does not count as voters never
 * do (ZOOKEEPER-769/1294). Learners that come late go through the same steps alone. A learner
 * whose ACKEPOCH shows a more recent history than the leader's is dropped, not counted, and the
 * leader carries on, as ZooKeeper's LearnerHandler does.
 *
 * <p>Deterministic: one thread drives it with the time and the learners' packets; effects go
 * through a {@link LeaderOutbox}. Each of the three quorums gets initLimit ticks, as each of
 * ZooKeeper's waits (getEpochToPropose, waitForEpochAck, waitForNewLeaderAck) does.
 */
public final class LeaderHandshake {
    private enum Phase { IDLE, DISCOVERY, EPOCH, SYNC, BROADCAST, ENDED }

    private final long myId;
    private final QuorumView view;
    private final SessionTimings timings;
    private final long currentEpochAtStart;
    private final long lastLoggedZxid;
    private final Map<Long, LearnerConnection> connections = new TreeMap<>();
    private final Set<Long> registered = new TreeSet<>();
    private final Set<Long> epochAcks = new TreeSet<>();
    private final Set<Long> newLeaderAcks = new TreeSet<>();
    /** Voters that left for a newer election round before registering with us (ZOOKEEPER-3109). */
    private final Set<Long> lookingVoters = new TreeSet<>();
    private long maxAcceptedEpoch;
    private long newEpoch = -1;
    private long stageDeadline;
    private Phase phase = Phase.IDLE;

    /** A leader with this peer's durable state when it won the election. */
    public LeaderHandshake(long myId, QuorumView view, long acceptedEpoch, long currentEpoch, long lastLoggedZxid,
            SessionTimings timings) {
        this.myId = myId;
        this.view = view;
        this.maxAcceptedEpoch = acceptedEpoch;
        this.currentEpochAtStart = currentEpoch;
        this.lastLoggedZxid = lastLoggedZxid;
        this.timings = timings;
    }

    /** The new epoch, or -1 before a quorum registered. */
    public long newEpoch() {
        return newEpoch;
    }

    /** Whether the epoch is established (UPTODATE sent to a quorum). */
    public boolean isEstablished() {
        return phase == Phase.BROADCAST;
    }

    /** Whether the session is over (lost was asked). */
    public boolean isEnded() {
        return phase == Phase.ENDED;
    }

    /** Start leading: the leader registers itself, which completes the quorum of a one-voter view. */
    public void lead(long now, LeaderOutbox out) {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("lead while " + phase);
        }
        phase = Phase.DISCOVERY;
        registered.add(myId);
        nextStage(now, out);
        out.setTimer(SessionTimer.PING, now + timings.pingInterval());
        out.trace("leader " + myId + " waiting for a quorum of learners, acceptedEpoch " + maxAcceptedEpoch);
        maybeFixEpoch(now, out);
    }

    /** A learner connected to the quorum port; {@code connId} names it from now on. */
    public void learnerConnected(long connId, long now, LeaderOutbox out) {
        if (phase != Phase.ENDED) {
            connections.put(connId, new LearnerConnection(connId, now));
        }
    }

    /** A learner's connection closed. */
    public void learnerDisconnected(long connId, long now, LeaderOutbox out) {
        LearnerConnection gone = connections.remove(connId);
        if (gone != null && phase != Phase.ENDED) {
            out.trace("leader " + myId + ": " + gone + " disconnected");
        }
    }

    /** A packet from a learner. */
    public void onPacket(long connId, QuorumPacket packet, long now, LeaderOutbox out) {
        LearnerConnection c = connections.get(connId);
        if (c == null || phase == Phase.ENDED) {
            return;
        }
        if (phase == Phase.IDLE) {
            throw new IllegalStateException("packet before lead()");
        }
        c.lastHeard = now;
        switch (c.stage) {
            case CONNECTED -> onInfo(c, packet, now, out);
            case EPOCH_SENT -> onAckEpoch(c, packet, now, out);
            case NEWLEADER_SENT -> onNewLeaderAck(c, packet, now, out);
            case UPTODATE_SENT, BROADCAST -> onBroadcast(c, packet, out);
            default -> drop(c, "unexpected " + packet + " while waiting for the leader", out);
        }
    }

    /**
     * Voter {@code sid} went back to LOOKING in a newer round (ZOOKEEPER-3109). Before the epoch
     * is established, a leader that can no longer gather a quorum without the voters that left
     * gives up at once instead of waiting out initLimit; with a quorum still possible it waits.
     */
    public void voterLooking(long sid, long now, LeaderOutbox out) {
        if (phase == Phase.IDLE || phase == Phase.BROADCAST || phase == Phase.ENDED || !view.isVoter(sid)
                || registered.contains(sid)) {
            return;
        }
        lookingVoters.add(sid);
        Set<Long> stillPossible = new TreeSet<>(view.votingMembers());
        stillPossible.removeAll(lookingVoters);
        if (!view.verifier().containsQuorum(stillPossible)) {
            lose("voters " + lookingVoters + " went back to LOOKING before epoch " + (newEpoch < 0 ? "?" : newEpoch)
                    + " was established; no quorum is left to wait for", out);
        }
    }

    /** A timer fired. */
    public void onTimer(SessionTimer key, long now, LeaderOutbox out) {
        if (phase == Phase.ENDED || phase == Phase.IDLE) {
            return;
        }
        if (key == SessionTimer.HANDSHAKE && phase != Phase.BROADCAST) {
            if (now >= stageDeadline) {
                lose("no quorum " + waitingFor() + " within initLimit (" + timings.initLimit() + " ticks)", out);
            } else {
                out.setTimer(SessionTimer.HANDSHAKE, stageDeadline);
            }
        } else if (key == SessionTimer.PING) {
            onPingTick(now, out);
        }
    }

    private void onInfo(LearnerConnection c, QuorumPacket packet, long now, LeaderOutbox out) {
        boolean follower = packet.is(PacketType.FOLLOWERINFO);
        if (!follower && !packet.is(PacketType.OBSERVERINFO)) {
            drop(c, "expected FOLLOWERINFO or OBSERVERINFO, got " + packet, out);
            return;
        }
        DecodeResult<LearnerInfo> decoded = LearnerInfo.decode(packet.data());
        LearnerInfo info = decoded.toOptional().orElse(null);
        String problem = info == null ? ((DecodeResult.Rejected<LearnerInfo>) decoded).reason()
                : info.protocolVersion() < LearnerInfo.ZAB_1_0 ? "pre-Zab-1.0 learner (protocol version "
                        + info.protocolVersion() + ") is not supported"
                : !view.contains(info.sid()) || info.sid() == myId ? "server " + info.sid() + " is not a learner in the view"
                : null;
        if (problem != null) {
            drop(c, problem, out);
            return;
        }
        connections.values().stream().filter(o -> o.sid == info.sid()).toList()
                .forEach(old -> drop(old, "replaced by a new connection from the same server", out));
        c.sid = info.sid();
        // Only a FOLLOWERINFO from a server the view counts is a vote (ZOOKEEPER-769).
        c.voter = follower && view.isVoter(info.sid());
        c.acceptedEpoch = Zxid.epochOf(packet.zxid());
        c.stage = Stage.REGISTERED;
        out.trace("leader " + myId + ": " + c + " registered, acceptedEpoch " + c.acceptedEpoch
                + (c.voter ? "" : ", not voting"));
        if (phase == Phase.DISCOVERY) {
            maxAcceptedEpoch = Math.max(maxAcceptedEpoch, c.acceptedEpoch);
            if (c.voter) {
                registered.add(c.sid);
                lookingVoters.remove(c.sid);
            }
            maybeFixEpoch(now, out);
        } else {
            sendLeaderInfo(c, out);
        }
    }

    /** Section 6.3 step 4: newEpoch = max(acceptedEpoch) + 1, on disk before LEADERINFO. */
    private void maybeFixEpoch(long now, LeaderOutbox out) {
        if (phase != Phase.DISCOVERY || !view.verifier().containsQuorum(registered)) {
            return;
        }
        newEpoch = maxAcceptedEpoch + 1;
        out.persistAcceptedEpoch(newEpoch);
        phase = Phase.EPOCH;
        epochAcks.add(myId);
        nextStage(now, out);
        out.trace("leader " + myId + " proposes epoch " + newEpoch + " to " + registered);
        stageOf(Stage.REGISTERED).forEach(c -> sendLeaderInfo(c, out));
        maybeEpochQuorum(now, out);
    }

    private void sendLeaderInfo(LearnerConnection c, LeaderOutbox out) {
        out.send(c.connId, QuorumPacket.withInt(PacketType.LEADERINFO, Zxid.firstOfEpoch(newEpoch), LearnerInfo.ZAB_1_0));
        c.stage = Stage.EPOCH_SENT;
    }

    private void onAckEpoch(LearnerConnection c, QuorumPacket packet, long now, LeaderOutbox out) {
        if (!packet.is(PacketType.ACKEPOCH) || packet.dataAsInt().isEmpty()) {
            drop(c, "expected ACKEPOCH, got " + packet, out);
            return;
        }
        int learnerEpoch = packet.dataAsInt().getAsInt();
        c.lastZxid = packet.zxid();
        c.stage = Stage.EPOCH_ACKED;
        if (phase != Phase.EPOCH) {
            startSync(c, out);
            return;
        }
        if (learnerEpoch == -1) {
            return; // it had accepted this epoch already: not an epoch ack (section 6.3 step 5)
        }
        if (learnerEpoch > currentEpochAtStart
                || learnerEpoch == currentEpochAtStart && packet.zxid() > lastLoggedZxid) {
            // ZooKeeper's waitForEpochAck throws in that learner's LearnerHandler, which closes
            // only that learner; the leader goes on gathering its quorum. Ending the whole session
            // instead let a learner that can never win an election (an observer, a zero-weight
            // voter) holding a longer log stop every leader, forever (found by the peer-level
            // simulation). Once the epoch is acked, a late learner is synced down like any other.
            drop(c, "ahead of the leader: currentEpoch " + learnerEpoch + ", last zxid " + Zxid.toHex(packet.zxid())
                    + " against " + currentEpochAtStart + ", " + Zxid.toHex(lastLoggedZxid), out);
            return;
        }
        if (c.voter) {
            epochAcks.add(c.sid);
        }
        maybeEpochQuorum(now, out);
    }

    /** Section 6.5: the leader writes currentEpoch once a quorum acked the epoch, then syncs. */
    private void maybeEpochQuorum(long now, LeaderOutbox out) {
        if (phase != Phase.EPOCH || !view.verifier().containsQuorum(epochAcks)) {
            return;
        }
        phase = Phase.SYNC;
        nextStage(now, out);
        // NEWLEADER goes out before our own currentEpoch write, as in ZooKeeper, whose learner
        // handlers send it while its leader thread writes: the learners' fsyncs overlap ours
        // instead of following them. We count ourselves among the NEWLEADER acks only once our
        // write is durable, so no epoch is established on a currentEpoch the leader could lose.
        stageOf(Stage.EPOCH_ACKED).forEach(c -> startSync(c, out));
        // No updatingEpoch marker, as neither 3.4.14's nor 3.9.5's leader writes one: the marker
        // guards a learner's snapshot-then-currentEpoch window, and the leader's log does not
        // change here (its epoch start is logged only once established).
        out.persistCurrentEpoch(newEpoch);
        newLeaderAcks.add(myId);
        maybeNewLeaderQuorum(now, out);
    }

    /** Section 6.3 steps 6 and 7: the sync packet (and snapshot), then NEWLEADER. */
    private void startSync(LearnerConnection c, LeaderOutbox out) {
        SyncKind kind = SyncPolicy.choose(c.lastZxid, lastLoggedZxid);
        out.send(c.connId, QuorumPacket.of(kind.packetType(), SyncPolicy.zxid(kind, c.lastZxid, lastLoggedZxid), null));
        if (kind == SyncKind.SNAP) {
            out.sendRaw(c.connId, SnapshotFormat.emptyTree());
        }
        // Data null for every learner: 3.4.14 expects none, 3.9.5 parses a config only when the
        // data is longer than 1 byte (section 6.2, type 10), and we have no dynamic config to offer.
        out.send(c.connId, QuorumPacket.of(PacketType.NEWLEADER, Zxid.firstOfEpoch(newEpoch), null));
        c.stage = Stage.NEWLEADER_SENT;
        out.trace("leader " + myId + ": " + kind + " for " + c + " at " + Zxid.toHex(c.lastZxid));
    }

    private void onNewLeaderAck(LearnerConnection c, QuorumPacket packet, long now, LeaderOutbox out) {
        if (!packet.is(PacketType.ACK) || packet.zxid() != Zxid.firstOfEpoch(newEpoch)) {
            drop(c, "expected the ACK of NEWLEADER, got " + packet, out);
            return;
        }
        c.stage = Stage.NEWLEADER_ACKED;
        if (phase == Phase.BROADCAST) {
            sendUpToDate(c, out);
            return;
        }
        if (c.voter) {
            newLeaderAcks.add(c.sid);
        }
        maybeNewLeaderQuorum(now, out);
    }

    /** Section 6.3 step 8: UPTODATE to everyone who acked NEWLEADER; the epoch is established. */
    private void maybeNewLeaderQuorum(long now, LeaderOutbox out) {
        if (phase != Phase.SYNC || !view.verifier().containsQuorum(newLeaderAcks)) {
            return;
        }
        phase = Phase.BROADCAST;
        stageOf(Stage.NEWLEADER_ACKED).forEach(c -> sendUpToDate(c, out));
        // The epoch start is durable before anyone hears the epoch is established: a session that
        // is closed once established (the start-up warm-up does that) never loses the write.
        out.logEpochStart(Zxid.firstOfEpoch(newEpoch));
        out.established(newEpoch);
        out.trace("leader " + myId + " established epoch " + newEpoch + " with " + newLeaderAcks);
    }

    private void sendUpToDate(LearnerConnection c, LeaderOutbox out) {
        out.send(c.connId, QuorumPacket.of(PacketType.UPTODATE, -1, null));
        c.stage = Stage.UPTODATE_SENT;
    }

    private void onBroadcast(LearnerConnection c, QuorumPacket packet, LeaderOutbox out) {
        if (packet.is(PacketType.ACK) && c.stage == Stage.UPTODATE_SENT) {
            c.stage = Stage.BROADCAST;
        } else if (!packet.is(PacketType.PING) && !packet.is(PacketType.ACK)) {
            out.trace("leader " + myId + " ignores " + packet + " from " + c + ": no data tree");
        }
    }

    /** Section 6.3 step 9: drop silent learners, keep a quorum, ping the synced learners. */
    private void onPingTick(long now, LeaderOutbox out) {
        for (LearnerConnection c : new ArrayList<>(connections.values())) {
            if (now - c.lastHeard >= c.silenceLimit(timings)) {
                drop(c, "silent for " + (now - c.lastHeard) / 1_000_000 + " ms", out);
            }
        }
        if (phase == Phase.BROADCAST) {
            Set<Long> alive = new TreeSet<>(Set.of(myId));
            connections.values().stream().filter(c -> c.voter && c.reached(Stage.NEWLEADER_ACKED))
                    .forEach(c -> alive.add(c.sid));
            if (!view.verifier().containsQuorum(alive)) {
                lose("lost the quorum: only " + alive + " are synced", out);
                return;
            }
            QuorumPacket ping = QuorumPacket.of(PacketType.PING, Zxid.firstOfEpoch(newEpoch), null);
            connections.values().stream().filter(c -> c.reached(Stage.NEWLEADER_SENT))
                    .forEach(c -> out.send(c.connId, ping));
        }
        out.setTimer(SessionTimer.PING, now + timings.pingInterval());
    }

    private List<LearnerConnection> stageOf(Stage stage) {
        return connections.values().stream().filter(c -> c.stage == stage).toList();
    }

    private void nextStage(long now, LeaderOutbox out) {
        stageDeadline = now + timings.initTimeout();
        out.setTimer(SessionTimer.HANDSHAKE, stageDeadline);
    }

    private String waitingFor() {
        return switch (phase) {
            case DISCOVERY -> "of FOLLOWERINFO (have " + registered + ")";
            case EPOCH -> "of ACKEPOCH for epoch " + newEpoch + " (have " + epochAcks + ")";
            default -> "of NEWLEADER ACKs for epoch " + newEpoch + " (have " + newLeaderAcks + ")";
        };
    }

    private void drop(LearnerConnection c, String reason, LeaderOutbox out) {
        connections.remove(c.connId);
        out.trace("leader " + myId + " drops " + c + ": " + reason);
        out.close(c.connId, reason);
    }

    private void lose(String reason, LeaderOutbox out) {
        phase = Phase.ENDED;
        out.trace("leader " + myId + " lost the session: " + reason);
        out.lost(reason);
    }
}
