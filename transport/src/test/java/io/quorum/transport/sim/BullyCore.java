package io.quorum.transport.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.api.view.QuorumView;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The core of {@link BullyElection}. A round is named by a random nonce, so answers to an older
 * round (or an older life of this peer) are never counted. Every answer also names the leader the
 * answering peer has settled on, if any: a looking peer that hears a quorum settled on a leader
 * who confirms it joins that leader (ZooKeeper's out-of-election rule), so a peer that comes back
 * joins the ensemble instead of splitting it.
 */
final class BullyCore implements ElectionCore {
    private static final byte REQUEST = 1;
    private static final byte ANSWER = 2;
    private static final int LENGTH = 49;
    private static final TimerKey RETRANSMIT = new TimerKey("retransmit");
    private static final TimerKey FINALIZE = new TimerKey("finalize");

    private final ElectionContext context;
    private final BullyElection.Flaw flaw;
    private final QuorumView view;
    private final List<Long> voters;
    private final Endpoint endpoint;
    private final long finalizeWaitNanos;
    private final long retransmitNanos;
    private final boolean observer;
    /** Answers of the open round: sid to {peerEpoch, zxid}. */
    private final Map<Long, long[]> heard = new TreeMap<>();
    /** Answers of the open round: sid to the {leader, peerEpoch, zxid} it settled on. */
    private final Map<Long, long[]> settled = new TreeMap<>();
    /** What this peer settled on: {leader, peerEpoch, zxid}, or null while looking. */
    private long[] mySettlement;
    private long round;
    private boolean open;
    private boolean finalizeExpired;

    BullyCore(ElectionContext context, BullyElection.Flaw flaw) {
        this.context = context;
        this.flaw = flaw;
        this.view = context.view();
        this.voters = view.votingMembers().stream().sorted().toList();
        Map<String, String> p = context.properties();
        this.endpoint = Endpoint.valueOf(p.getOrDefault("endpoint", Endpoint.ELECTION_UDP.name()));
        this.finalizeWaitNanos = Long.parseLong(p.getOrDefault("finalizeWaitMs", "200")) * 1_000_000L;
        this.retransmitNanos = Long.parseLong(p.getOrDefault("retransmitMs", "50")) * 1_000_000L;
        this.observer = context.learnerType() == LearnerType.OBSERVER;
    }

    @Override
    public void start(long now, Outbox out) {
        round = context.random().nextLong();
        open = true;
        finalizeExpired = false;
        heard.clear();
        settled.clear();
        mySettlement = null;
        if (!observer) {
            Vote me = context.initialVote();
            heard.put(context.myId(), new long[] {me.peerEpoch(), me.zxid()});
        }
        out.trace("round " + Long.toHexString(round));
        askMissing(out);
        out.setTimer(RETRANSMIT, now + retransmitNanos);
        out.setTimer(FINALIZE, now + finalizeWaitNanos);
        maybeDecide(out);
    }

    private void askMissing(Outbox out) {
        for (long sid : voters) {
            if (!heard.containsKey(sid)) {
                out.send(Destination.peer(sid, endpoint), encode(REQUEST, round));
            }
        }
    }

    private byte[] encode(byte type, long nonce) {
        Vote me = context.initialVote();
        long[] s = mySettlement != null ? mySettlement : new long[] {-1, 0, 0};
        return ByteBuffer.allocate(LENGTH).put(type).putLong(nonce).putLong(me.peerEpoch()).putLong(me.zxid())
                .putLong(s[0]).putLong(s[1]).putLong(s[2]).array();
    }

    @Override
    public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
        if (payload.remaining() != LENGTH || !from.isKnown()) {
            out.trace("ignored a malformed message");
            return;
        }
        byte type = payload.get();
        long nonce = payload.getLong();
        long epoch = payload.getLong();
        long zxid = payload.getLong();
        long[] settlement = {payload.getLong(), payload.getLong(), payload.getLong()};
        if (type == REQUEST) {
            out.send(Destination.replyTo(from), encode(ANSWER, nonce));
        } else if (type == ANSWER && open && nonce == round && view.isVoter(from.sid())) {
            heard.put(from.sid(), new long[] {epoch, zxid});
            if (settlement[0] >= 0) {
                settled.put(from.sid(), settlement);
            }
            maybeDecide(out);
        }
    }

    @Override
    public void onTimer(TimerKey key, long now, Outbox out) {
        if (!open) {
            return;
        }
        if (key.equals(RETRANSMIT)) {
            askMissing(out);
            out.setTimer(RETRANSMIT, now + retransmitNanos);
        } else if (key.equals(FINALIZE)) {
            finalizeExpired = true;
            maybeDecide(out);
        }
    }

    @Override
    public void onLink(long sid, boolean up, long now, Outbox out) {
        if (up && open && view.isVoter(sid) && !heard.containsKey(sid)) {
            out.send(Destination.peer(sid, endpoint), encode(REQUEST, round));
        }
    }

    @Override
    public void onPeerState(ServerState state, Vote currentVote, long now, Outbox out) {
        mySettlement = state == ServerState.LOOKING ? null
                : new long[] {currentVote.leader(), currentVote.peerEpoch(), currentVote.zxid()};
    }

    private void maybeDecide(Outbox out) {
        long[] joined = establishedLeader();
        if (joined != null) {
            decide(joined[0], new long[] {joined[1], joined[2]}, out);
            return;
        }
        if (!ready()) {
            return;
        }
        long leader = choose();
        if (leader >= 0) {
            decide(leader, heard.get(leader), out);
        }
    }

    /** A leader a quorum of answers settled on, the leader's own answer among them; or null. */
    private long[] establishedLeader() {
        if (flaw != BullyElection.Flaw.NONE) {
            return null;
        }
        for (long[] candidate : settled.values()) {
            List<Long> backers = settled.entrySet().stream()
                    .filter(e -> e.getValue()[0] == candidate[0]).map(Map.Entry::getKey).toList();
            if (backers.contains(candidate[0]) && view.verifier().containsQuorum(backers)
                    && view.verifier().mayLead(candidate[0])) {
                return candidate;
            }
        }
        return null;
    }

    private void decide(long leader, long[] history, Outbox out) {
        ServerState role = observer ? ServerState.OBSERVING
                : leader == context.myId() ? ServerState.LEADING : ServerState.FOLLOWING;
        open = false;
        out.cancelTimer(RETRANSMIT);
        out.cancelTimer(FINALIZE);
        out.decide(new Vote(leader, history[1], 0, history[0], role, Vote.CURRENT_VERSION), role);
    }

    private boolean ready() {
        if (flaw == BullyElection.Flaw.NO_QUORUM) {
            return heard.size() >= (observer ? 1 : 2);
        }
        boolean everyone = heard.keySet().containsAll(voters);
        return everyone || (finalizeExpired && view.verifier().containsQuorum(heard.keySet()));
    }

    /** The greatest (peerEpoch, zxid, sid) among the answers that may lead, or -1. */
    private long choose() {
        long best = -1;
        for (Map.Entry<Long, long[]> e : heard.entrySet()) {
            long sid = e.getKey();
            if (!view.verifier().mayLead(sid)) {
                continue;
            }
            if (best < 0 || (flaw == BullyElection.Flaw.SMALLEST_ID ? sid < best : greater(e.getValue(), sid, best))) {
                best = sid;
            }
        }
        return best;
    }

    private boolean greater(long[] history, long sid, long bestSid) {
        long[] other = heard.get(bestSid);
        if (history[0] != other[0]) {
            return history[0] > other[0];
        }
        if (history[1] != other[1]) {
            return history[1] > other[1];
        }
        return sid > bestSid;
    }
}
