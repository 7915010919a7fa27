package io.quorum.examples.raft;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.DecodeResult;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumVerifier;
import io.quorum.examples.raft.RaftMessage.Kind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Raft's leader election (Ongaro and Ousterhout, section 5.2 and 9.6) as a deterministic core:
 * terms, one vote per term, randomised election timeouts, and a candidate wins only with the votes
 * of a quorum whose histories are no more recent than its own (Raft's up-to-date check on
 * (epoch, zxid), which is what ZooKeeper's session layer needs: its leader must hold the greatest
 * history of the quorum that follows it). Two safeguards from etcd keep a peer that was cut off
 * from disrupting a healthy leader when it comes back:
 *
 * <ul>
 *   <li>pre-vote: before raising its term a peer asks whether it could win, and peers say no
 *       while they hear from a leader, so a lone peer's failed campaigns never raise its term;
 *   <li>check-quorum: a leader that has not heard from a quorum for an election timeout stops
 *       claiming leadership, so peers' leases of it expire and a new leader can be elected.
 * </ul>
 *
 * <p>How it maps onto a ZooKeeper peer: a peer campaigns only while it looks for a leader (a round
 * is open); it decides FOLLOWING or OBSERVING on the first heartbeat of a leader whose term is at
 * least its own, and LEADING when it wins a term. Between rounds the core keeps answering: the
 * leader heartbeats, followers reply and grant or refuse votes. Terms live in memory only; the
 * epoch a ZooKeeper leader establishes, not the term, is what makes leadership safe.
 */
final class RaftCore implements ElectionCore {
    static final TimerKey ELECTION = new TimerKey("raft-election");
    static final TimerKey HEARTBEAT = new TimerKey("raft-heartbeat");
    static final TimerKey CHECK_QUORUM = new TimerKey("raft-check-quorum");
    private static final long NONE = -1;

    private enum Role { FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER }

    private final ElectionContext context;
    private final RaftSettings settings;
    private final long myId;
    private final QuorumVerifier verifier;
    private final boolean mayCampaign;
    private final boolean observer;
    private final List<Long> others = new ArrayList<>();
    private final List<Long> otherVoters = new ArrayList<>();
    private final Set<Long> grants = new HashSet<>();
    private final Set<Long> heard = new HashSet<>();

    private long term;
    private long votedFor = NONE;
    private Role role = Role.FOLLOWER;
    private boolean looking;
    private long leader = NONE;
    private long leaderHeardAt;
    /** Counts this peer's campaigns (pre-votes and votes); replies name the one they answer. */
    private long attempt;
    /** The leader of this peer's last decision while no round is open; NONE while looking. */
    private long decidedLeader = NONE;

    RaftCore(ElectionContext context, RaftSettings settings) {
        this.context = context;
        this.settings = settings;
        this.myId = context.myId();
        this.verifier = context.view().verifier();
        this.mayCampaign = verifier.mayLead(myId);
        this.observer = context.learnerType() == LearnerType.OBSERVER;
        for (QuorumServer server : context.view().servers()) {
            if (server.id() != myId) {
                others.add(server.id());
                if (verifier.votingMembers().contains(server.id())) {
                    otherVoters.add(server.id());
                }
            }
        }
    }

    @Override
    public void start(long now, Outbox out) {
        looking = true;
        decidedLeader = NONE;
        if (role == Role.LEADER) {
            out.trace("term " + term + ": the peer stopped leading; following again");
            stopLeading(out);
        }
        role = Role.FOLLOWER;
        // A decision needs a heartbeat heard in this round, not the memory of one.
        leader = NONE;
        grants.clear();
        if (mayCampaign) {
            armElectionTimer(now, out);
        }
    }

    @Override
    public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
        if (!from.isKnown() || !context.view().contains(from.sid()) || from.sid() == myId) {
            return;
        }
        DecodeResult<RaftMessage> decoded = RaftMessage.decode(payload);
        if (!decoded.isDecoded()) {
            out.trace("rejected from " + from.sid() + ": " + ((DecodeResult.Rejected<RaftMessage>) decoded).reason());
            return;
        }
        RaftMessage m = decoded.toOptional().orElseThrow();
        long sid = from.sid();
        switch (m.kind()) {
            case PRE_VOTE -> onPreVote(sid, m, now, out);
            case PRE_VOTE_REPLY -> onPreVoteReply(sid, m, now, out);
            case VOTE -> onVote(sid, m, now, out);
            case VOTE_REPLY -> onVoteReply(sid, m, now, out);
            case HEARTBEAT -> onHeartbeat(sid, m, now, out);
            case HEARTBEAT_REPLY -> onHeartbeatReply(sid, m, out);
            default -> throw new IllegalStateException("unhandled kind " + m.kind());
        }
    }

    @Override
    public void onTimer(TimerKey key, long now, Outbox out) {
        if (key.equals(ELECTION)) {
            onElectionTimeout(now, out);
        } else if (key.equals(HEARTBEAT) && role == Role.LEADER) {
            broadcastHeartbeat(out);
            out.setTimer(HEARTBEAT, now + settings.heartbeatNanos());
        } else if (key.equals(CHECK_QUORUM) && role == Role.LEADER) {
            checkQuorum(now, out);
        }
    }

    private void onElectionTimeout(long now, Outbox out) {
        if (!looking || role == Role.LEADER || !mayCampaign) {
            return;
        }
        armElectionTimer(now, out);
        if (settings.preVote()) {
            role = Role.PRE_CANDIDATE;
            attempt++;
            grants.clear();
            grants.add(myId);
            if (verifier.containsQuorum(grants)) {
                campaign(now, out);
                return;
            }
            Vote mine = context.initialVote();
            send(otherVoters, RaftMessage.request(Kind.PRE_VOTE, term + 1, mine.peerEpoch(), mine.zxid(), attempt), out);
        } else {
            campaign(now, out);
        }
    }

    /** Raises the term, votes for itself and asks every other voter. */
    private void campaign(long now, Outbox out) {
        term++;
        attempt++;
        role = Role.CANDIDATE;
        votedFor = myId;
        grants.clear();
        grants.add(myId);
        out.trace("term " + term + ": campaigning");
        if (verifier.containsQuorum(grants)) {
            lead(now, out);
            return;
        }
        Vote mine = context.initialVote();
        send(otherVoters, RaftMessage.request(Kind.VOTE, term, mine.peerEpoch(), mine.zxid(), attempt), out);
    }

    private void lead(long now, Outbox out) {
        role = Role.LEADER;
        leader = myId;
        heard.clear();
        out.cancelTimer(ELECTION);
        Vote mine = context.initialVote();
        out.trace("term " + term + ": won with " + grants.size() + " votes");
        decide(new Vote(myId, mine.zxid(), term, mine.peerEpoch(), ServerState.LEADING, Vote.CURRENT_VERSION),
                ServerState.LEADING, out);
        broadcastHeartbeat(out);
        out.setTimer(HEARTBEAT, now + settings.heartbeatNanos());
        out.setTimer(CHECK_QUORUM, now + settings.electionTimeoutMinNanos());
    }

    private void onPreVote(long sid, RaftMessage m, long now, Outbox out) {
        boolean granted = !observer && m.term() > term && !inLease(sid, now) && upToDate(m);
        send(sid, RaftMessage.reply(Kind.PRE_VOTE_REPLY, granted ? m.term() : term, granted, m.attempt()), out);
    }

    private void onPreVoteReply(long sid, RaftMessage m, long now, Outbox out) {
        if (m.term() > term && !m.granted()) {
            followTerm(m.term(), out);
            return;
        }
        if (role == Role.PRE_CANDIDATE && m.granted() && m.term() == term + 1 && m.attempt() == attempt) {
            grants.add(sid);
            if (verifier.containsQuorum(grants)) {
                campaign(now, out);
            }
        }
    }

    private void onVote(long sid, RaftMessage m, long now, Outbox out) {
        if (observer || inLease(sid, now)) {
            send(sid, RaftMessage.reply(Kind.VOTE_REPLY, term, false, m.attempt()), out);
            return;
        }
        if (m.term() > term) {
            followTerm(m.term(), out);
        }
        boolean granted = m.term() == term && (votedFor == NONE || votedFor == sid) && upToDate(m);
        if (granted) {
            votedFor = sid;
            if (looking && mayCampaign) {
                armElectionTimer(now, out);
            }
        }
        send(sid, RaftMessage.reply(Kind.VOTE_REPLY, term, granted, m.attempt()), out);
    }

    private void onVoteReply(long sid, RaftMessage m, long now, Outbox out) {
        if (m.term() > term) {
            followTerm(m.term(), out);
            return;
        }
        if (role == Role.CANDIDATE && m.term() == term && m.granted()) {
            grants.add(sid);
            if (verifier.containsQuorum(grants)) {
                lead(now, out);
            }
        }
    }

    private void onHeartbeat(long sid, RaftMessage m, long now, Outbox out) {
        if (m.term() < term || (m.term() == term && role == Role.LEADER)) {
            // A leader of an older term learns of the newer one from the reply and stands down.
            send(sid, RaftMessage.reply(Kind.HEARTBEAT_REPLY, term, false, 0), out);
            return;
        }
        if (m.term() > term) {
            followTerm(m.term(), out);
        }
        role = Role.FOLLOWER;
        leader = sid;
        leaderHeardAt = now;
        send(sid, RaftMessage.reply(Kind.HEARTBEAT_REPLY, term, true, 0), out);
        if (!looking && decidedLeader != NONE && decidedLeader != sid) {
            // This peer still follows a leader that a newer term has replaced.
            out.lookAgain("peer " + sid + " leads term " + term + ", not " + decidedLeader);
            decidedLeader = NONE;
        }
        if (looking) {
            out.cancelTimer(ELECTION);
            ServerState state = observer ? ServerState.OBSERVING : ServerState.FOLLOWING;
            decide(new Vote(sid, m.zxid(), term, m.epoch(), state, Vote.CURRENT_VERSION), state, out);
        }
    }

    private void onHeartbeatReply(long sid, RaftMessage m, Outbox out) {
        if (m.term() > term) {
            followTerm(m.term(), out);
        } else if (role == Role.LEADER && m.term() == term && m.granted()) {
            heard.add(sid);
        }
    }

    /**
     * Check-quorum: a leader that has heard no reply from a quorum since the last check stops
     * claiming leadership; its followers' leases of it then run out.
     */
    private void checkQuorum(long now, Outbox out) {
        heard.add(myId);
        if (!settings.checkQuorum() || verifier.containsQuorum(heard)) {
            heard.clear();
            out.setTimer(CHECK_QUORUM, now + settings.electionTimeoutMinNanos());
            return;
        }
        out.trace("term " + term + ": check-quorum heard only " + heard + "; no longer claiming leadership");
        out.lookAgain("check-quorum: heard from no quorum in " + settings.electionTimeoutMinMillis() + " ms, only "
                + heard);
        stopLeading(out);
        role = Role.FOLLOWER;
        leader = NONE;
    }

    /** A newer term: forget this term's vote and candidacy (and leadership). */
    private void followTerm(long newTerm, Outbox out) {
        if (role == Role.LEADER) {
            out.trace("term " + term + ": saw term " + newTerm + "; no longer claiming leadership");
            out.lookAgain("a peer is in term " + newTerm + ", newer than this leader's term " + term);
            stopLeading(out);
        }
        if (leader == myId) {
            leader = NONE;
        }
        term = newTerm;
        votedFor = NONE;
        role = Role.FOLLOWER;
        grants.clear();
    }

    private void stopLeading(Outbox out) {
        out.cancelTimer(HEARTBEAT);
        out.cancelTimer(CHECK_QUORUM);
        heard.clear();
        if (leader == myId) {
            leader = NONE;
        }
    }

    /**
     * Whether this peer holds a lease of a live leader other than {@code candidate}: it leads
     * itself, or has heard a heartbeat within the shortest election timeout. Only with
     * check-quorum; a candidate that is itself the leader it heard last ends no lease.
     */
    private boolean inLease(long candidate, long now) {
        if (!settings.checkQuorum()) {
            return false;
        }
        if (role == Role.LEADER) {
            return true;
        }
        return leader != NONE && leader != candidate && now - leaderHeardAt < settings.electionTimeoutMinNanos();
    }

    /** Raft's up-to-date check: the candidate's history (epoch, zxid) is at least this peer's. */
    private boolean upToDate(RaftMessage m) {
        Vote mine = context.initialVote();
        return m.epoch() != mine.peerEpoch() ? m.epoch() > mine.peerEpoch() : m.zxid() >= mine.zxid();
    }

    private void decide(Vote vote, ServerState state, Outbox out) {
        looking = false;
        decidedLeader = vote.leader();
        out.decide(vote, state);
    }

    private void broadcastHeartbeat(Outbox out) {
        Vote mine = context.initialVote();
        send(others, RaftMessage.request(Kind.HEARTBEAT, term, mine.peerEpoch(), mine.zxid(), 0), out);
    }

    private void armElectionTimer(long now, Outbox out) {
        long min = settings.electionTimeoutMinMillis();
        long millis = min + context.random().nextLong(settings.electionTimeoutMaxMillis() - min);
        out.setTimer(ELECTION, now + millis * 1_000_000L);
    }

    private static void send(List<Long> to, RaftMessage m, Outbox out) {
        for (long sid : to) {
            send(sid, m, out);
        }
    }

    private static void send(long sid, RaftMessage m, Outbox out) {
        out.send(Destination.peer(sid, Endpoint.ELECTION_TCP), m.encode());
    }
}
