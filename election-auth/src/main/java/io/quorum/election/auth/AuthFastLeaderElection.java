package io.quorum.election.auth;

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
import io.quorum.api.view.QuorumView;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * AuthFastLeaderElection (electionAlg 1 and 2) of ZooKeeper 3.4.14 as a deterministic core
 * (PROTOCOL.md section 5). One UDP socket on the election port ({@link Endpoint#ELECTION_UDP})
 * carries everything, and the core plays all of 3.4.14's parts:
 *
 * <ul>
 *   <li>the <b>receiver</b>, in every state for the core's whole life: it answers challenge
 *       requests, hands challenges and acks to the sender, acknowledges notifications with the
 *       peer's current vote, state and logical clock, and feeds notifications, and acks from
 *       peers that are not LOOKING (out-of-election votes), to the election loop's queue;
 *   <li>the <b>sender</b> ({@link Deliveries}): each notification retried with 3.4.14's back-off,
 *       under alg 2 after fetching a challenge for it;
 *   <li>the <b>election loop</b> of one {@link #start} (5.3): bump the logical clock, propose
 *       oneself, notify every server (self included, over UDP), then take notifications from the
 *       queue, polling for twice the finalize wait; decide at once when every voter's vote in
 *       this round is in, or after the finalize wait when a quorum shares the proposal and
 *       nothing better came, or when a quorum of settled peers names one leader.
 * </ul>
 *
 * <p><b>The state quirk.</b> Received states are read as 3.4.14 reads them
 * ({@link AuthCodec#stateAsRead3414}: 1 is LEADING, 2 is FOLLOWING), and the loop branches on
 * that reading, as 3.4.14's does (it treats both alike, so the swap changes no decision). The one
 * check of our own that needs to know which peer leads reads the state as it was sent.
 *
 * <p>Alg 2 ({@code challenges}) differs only in the challenge exchange; alg 1 never asks for
 * challenges nor checks them, though it answers requests for them as 3.4.14 does.
 *
 * <p>Where it deviates from 3.4.14, a comment marked "Deviation" says how and why. Every message
 * keeps 3.4.14's layout, and a 3.4.14 peer sees nothing it would not see from another 3.4.14
 * peer, except that an observer writes state 0 where 3.4.14 writes its ordinal 3 (which kills a
 * 3.4.14 receiver). In short:
 * <ul>
 *   <li>the challenge table is keyed by the sender's id, resolved from its full source address,
 *       so alg 2 also elects on one host with distinct ports; it has room for observers and is
 *       bounded ({@link ChallengeTable});
 *   <li>only voters' votes count, through the quorum verifier, and a vote for a server that may not
 *       lead never wins ({@link BallotOrder}); observers propose no one and decide OBSERVING;
 *   <li>one notification per server is in delivery at a time, and a challenge counts only from the
 *       server asked ({@link Deliveries});
 *   <li>liveness: a peer notifies again whenever its poll times out, a peer in an older round is
 *       sent the current one, a notification the loop's full queue cannot take is left
 *       unacknowledged (so it is retried), settled votes queued before a round do not count in
 *       it, and a LOOKING peer that acknowledges naming itself is adopted if better, never
 *       counted (its own vote may have been lost before this peer listened);
 *   <li>an established leader is joined only once it has itself acknowledged as LEADING;
 *   <li>datagrams from addresses outside the view, and states outside 0..3, are dropped instead of
 *       counted or fatal.
 * </ul>
 */
public final class AuthFastLeaderElection implements ElectionCore {
    static final TimerKey POLL = new TimerKey("poll");
    static final TimerKey FINALIZE_WAIT = new TimerKey("finalize-wait");

    /** A vote taken off the wire for the election loop: ZooKeeper's {@code Notification}. */
    record Heard(long sid, ServerState state, ServerState sentState, Ballot ballot, long epoch) {
    }

    /** An out-of-election vote and the state its sender wrote. */
    private record Settled(Ballot ballot, ServerState sentState) {
    }

    private final long myId;
    private final ElectionContext context;
    private final QuorumView view;
    private final QuorumVerifier verifier;
    private final AuthSettings settings;
    private final boolean challenges;
    private final boolean observer;
    /** Every server, self and observers included, in id order: whom notifications go to. */
    private final List<Long> servers;
    private final int queueCapacity;
    private final ChallengeTable issued;
    private final Deliveries deliveries;

    // What QuorumPeer's getPeerState() and getCurrentVote() return, for acks and challenges.
    private ServerState state = ServerState.LOOKING;
    private Ballot currentVote;
    private long logicalClock;
    private long nextTag;

    // The election loop.
    private final ArrayDeque<Heard> queue = new ArrayDeque<>();
    private final Map<Long, Ballot> recvset = new TreeMap<>();
    private final Map<Long, Settled> outOfElection = new TreeMap<>();
    private boolean roundOpen;
    private boolean finalizing;
    private Ballot proposal;
    /** The best looking candidate that acknowledged during the finalize wait, if better than the proposal. */
    private Ballot candidate;
    private long calls;

    private long malformed;
    private long strangers;
    private long refusedNotifications;
    private long unacknowledged;

    AuthFastLeaderElection(ElectionContext context, AuthSettings settings, boolean challenges) {
        this.context = context;
        this.myId = context.myId();
        this.view = context.view();
        this.verifier = view.verifier();
        this.settings = settings;
        this.challenges = challenges;
        this.observer = !view.isVoter(myId) || context.learnerType() == LearnerType.OBSERVER;
        List<Long> ids = new ArrayList<>();
        for (QuorumServer server : view.servers()) {
            ids.add(server.id());
        }
        ids.sort(null);
        this.servers = List.copyOf(ids);
        // 3.4.14 sizes its receive queue at twice the voting members.
        this.queueCapacity = 2 * Math.max(1, view.votingMembers().size());
        this.issued = new ChallengeTable(context.random());
        this.deliveries = new Deliveries(settings, challenges);
        // QuorumPeer.startLeaderElection: the current vote starts as a vote for this peer.
        this.currentVote = selfVote();
        this.proposal = initialProposal();
    }

    @Override
    public void start(long now, Outbox out) {
        closeRound(out);
        calls++;
        roundOpen = true;
        state = ServerState.LOOKING;
        logicalClock++;
        proposal = initialProposal();
        recvset.clear();
        outOfElection.clear();
        // Deviation: 3.4.14 keeps every vote its queue took between rounds, and a settled peer's
        // vote there is from before this round: after the leader died, its followers' and its own
        // last acks would elect it again at once (its peers then fail their sessions and look
        // again). Those are dropped; a settled peer answers this round's notifications anew.
        // Queued LOOKING votes stay: their round says whether they still count.
        int stale = queue.size();
        queue.removeIf(heard -> heard.state() != ServerState.LOOKING);
        stale -= queue.size();
        out.trace("election " + calls + " in round " + logicalClock + ": propose " + proposal
                + (stale > 0 ? ", " + stale + " settled votes from before dropped" : ""));
        notifyAll(now, out);
        armPoll(now, out);
        drain(now, out);
    }

    @Override
    public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
        if (from.endpoint() != Endpoint.ELECTION_UDP) {
            out.trace("ignore a message on " + from.endpoint() + ", which alg 1/2 does not use");
            return;
        }
        DecodeResult<AuthMessage> decoded = AuthCodec.decode(payload);
        if (decoded instanceof DecodeResult.Rejected<AuthMessage> rejected) {
            // 3.4.14 logs "Got a short response" or "Got bad Msg type" and reads on.
            malformed++;
            out.trace("drop a datagram: " + rejected.reason());
            return;
        }
        if (!from.isKnown() || !view.contains(from.sid())) {
            // Deviation: 3.4.14 alg 1 counts a vote from any address, in the view or not, towards
            // its quorum; such a sender cannot be told apart from a spoofer, so it is ignored here.
            strangers++;
            out.trace("drop a datagram from " + from.route() + ", which is not in the configuration");
            return;
        }
        AuthMessage message = ((DecodeResult.Decoded<AuthMessage>) decoded).message();
        long sid = from.sid();
        if (message instanceof AuthMessage.ChallengeRequest request) {
            onChallengeRequest(from, request, out);
        } else if (message instanceof AuthMessage.Challenge challenge) {
            deliveries.onChallenge(sid, challenge.tag(), challenge.challenge(), now, out);
        } else if (message instanceof AuthMessage.Notification notification) {
            onNotification(from, notification, now, out);
        } else if (message instanceof AuthMessage.Ack ack) {
            onAck(from, ack, now, out);
        }
    }

    @Override
    public void onTimer(TimerKey key, long now, Outbox out) {
        if (deliveries.onTimer(key, logicalClock, now, out)) {
            return;
        }
        if (!roundOpen) {
            return;
        }
        if (key.equals(POLL) && !finalizing) {
            // 3.4.14's recvqueue.poll timed out.
            // Deviation: 3.4.14 notifies again only if it has heard another peer's vote in this
            // round or a settled peer's. A peer that has heard only itself then waits forever once
            // its notifications were acknowledged, as they are by peers that were still looking and
            // dropped them in their finalize wait, then settled (they never send again). It
            // notifies again here, and a settled peer's ack then tells it the leader.
            out.trace("nothing heard for " + settings.pollTimeoutNanos() / 1_000_000 + " ms: notify again");
            notifyAll(now, out);
            armPoll(now, out);
        } else if (key.equals(FINALIZE_WAIT) && finalizing) {
            endFinalizeWait(now, out);
        }
    }

    @Override
    public void onPeerState(ServerState newState, Vote vote, long now, Outbox out) {
        state = newState;
        currentVote = new Ballot(vote.leader(), vote.zxid());
        if (newState != ServerState.LOOKING && roundOpen) {
            out.trace("the peer is " + newState + " outside the election: the round ends undecided");
            closeRound(out);
        }
    }

    // ---- the receiver ----

    /**
     * A challenge request: answered with the challenge for the sender's tag (the one issued
     * before, or a new one) and this peer's state, back to the address it came from.
     */
    private void onChallengeRequest(Source from, AuthMessage.ChallengeRequest request, Outbox out) {
        long challenge = issued.issue(from.sid(), request.tag());
        out.send(Destination.replyTo(from),
                AuthCodec.encode(new AuthMessage.Challenge(request.tag(), wireState(), challenge)));
    }

    private void onNotification(Source from, AuthMessage.Notification n, long now, Outbox out) {
        long sid = from.sid();
        if (challenges) {
            OptionalLong expected = issued.lookup(sid, n.tag());
            if (expected.isEmpty() || expected.getAsLong() != n.challenge()) {
                // 3.4.14: "No challenge for host" or "Incorrect challenge"; no ack, so the sender retries.
                refusedNotifications++;
                out.trace("drop a notification from " + sid + " with tag " + n.tag() + ": "
                        + (expected.isEmpty() ? "no challenge issued for it" : "wrong challenge"));
                return;
            }
        }
        if (view.isVoter(sid)) {
            Optional<ServerState> read = AuthCodec.stateAsRead3414(n.state());
            if (read.isEmpty()) {
                // 3.4.14's receive thread dies here. Not acknowledged, so a sender that cannot be
                // read does not believe it was.
                out.trace("drop a notification from " + sid + " in state " + n.state());
                return;
            }
            Heard heard = new Heard(sid, read.get(), n.state(), new Ballot(n.leader(), n.zxid()), n.epoch());
            if (!offer(heard, out)) {
                // Deviation: 3.4.14 acknowledges a notification its full queue dropped, so the
                // vote is lost and its sender never retries it. Not acknowledged, it is retried.
                unacknowledged++;
                out.trace("the loop's queue is full: leave the notification from " + sid + " unacknowledged");
                return;
            }
        }
        // Deviation: an observer's notification is acknowledged, so it learns our vote and state,
        // but its vote never enters the loop (3.4.14 counts it like a voter's).
        out.send(Destination.replyTo(from), AuthCodec.encode(new AuthMessage.Ack(n.tag(), wireState(),
                currentVote.leader(), currentVote.zxid(), logicalClock)));
        drain(now, out);
    }

    /**
     * An ack ends the delivery of its tag; from a peer that is not LOOKING it is also a vote for
     * the loop (an out-of-election vote), whatever its tag (3.4.14 does not check it).
     *
     * <p>Deviation: 3.4.14 ignores an ack from a LOOKING peer. When the peer names itself there,
     * it is a candidate that is up, and the loop adopts it if it is better than the proposal,
     * without counting it: the ack is not that peer's vote of the round. The vote it will send is
     * what counts, and it may be lost: a peer's notifications to peers whose processes were not
     * yet listening are retried only after 1 s, so on a cold start the later peers elected one
     * another within that second while the best peer, which had heard them all, led alone, and
     * the leader without followers gave up only after initLimit (about 5 s to start).
     */
    private void onAck(Source from, AuthMessage.Ack ack, long now, Outbox out) {
        long sid = from.sid();
        deliveries.onAck(sid, ack.tag(), out);
        Optional<ServerState> read = AuthCodec.stateAsRead3414(ack.state());
        if (read.isEmpty() || !view.isVoter(sid)) {
            return;
        }
        Ballot ballot = new Ballot(ack.leader(), ack.zxid());
        if (read.get() == ServerState.LOOKING) {
            if (ack.leader() == sid) {
                onCandidacy(sid, ballot, ack.epoch(), now, out);
            }
            return;
        }
        if (offer(new Heard(sid, read.get(), ack.state(), ballot, ack.epoch()), out)) {
            drain(now, out);
        } else {
            out.trace("the loop's queue is full: drop the settled vote from " + sid);
        }
    }

    /**
     * A LOOKING peer's ack naming itself ({@link #onAck}): adopted if better than the proposal,
     * never counted, and never queued, so it cannot crowd real votes out of the loop's queue. In
     * the finalize wait the best one is kept, and like a better queued vote it keeps the wait from
     * deciding. Only one from this round or a later one: an older ack may be from a peer that has
     * since died (the leader of that round), and adopting it would elect it again.
     */
    private void onCandidacy(long sid, Ballot ballot, long epoch, long now, Outbox out) {
        if (!roundOpen || epoch < logicalClock || !BallotOrder.beats(verifier, ballot, proposal)) {
            return;
        }
        if (finalizing) {
            if (candidate == null || BallotOrder.beats(verifier, ballot, candidate)) {
                candidate = ballot;
            }
            return;
        }
        adoptCandidate(ballot, sid, now, out);
    }

    private void adoptCandidate(Ballot ballot, long sid, long now, Outbox out) {
        proposal = ballot;
        out.trace("adopt " + proposal + ", which " + sid + " acknowledged as a looking candidate");
        notifyAll(now, out);
        armPoll(now, out);
    }

    /**
     * Puts a vote on the loop's queue, which holds 2N like 3.4.14's. While a round is open it
     * only fills during the finalize wait, and a vote that does not fit is refused (3.4.14's offer
     * fails). Between rounds, when nothing takes votes off it, the oldest vote makes room.
     *
     * <p>Deviation: 3.4.14 refuses the newest between rounds too, and still acknowledges it, so
     * after 2N notifications a settled peer keeps only stale votes for its next round.
     */
    private boolean offer(Heard heard, Outbox out) {
        if (queue.size() >= queueCapacity) {
            if (roundOpen) {
                return false;
            }
            queue.poll();
        }
        queue.add(heard);
        return true;
    }

    /**
     * The state a challenge or an ack carries: this peer's ordinal.
     *
     * <p>Deviation: an observer writes LOOKING (0), not OBSERVING (3), which would end a 3.4.14
     * receiver's thread for good (section 5.1). Voters ignore an observer's vote either way.
     */
    private ServerState wireState() {
        return state == ServerState.OBSERVING ? ServerState.LOOKING : state;
    }

    // ---- the election loop ----

    /** Takes votes off the queue while the loop is polling (not in its finalize wait, not done). */
    private void drain(long now, Outbox out) {
        while (roundOpen && !finalizing && !queue.isEmpty()) {
            Heard heard = queue.poll();
            if (heard.state() == ServerState.LOOKING) {
                onLooking(heard, now, out);
            } else {
                onSettled(heard, out);
            }
            if (roundOpen && !finalizing) {
                armPoll(now, out);
            }
        }
    }

    private void onLooking(Heard n, long now, Outbox out) {
        if (n.epoch() > logicalClock) {
            logicalClock = n.epoch();
            recvset.clear();
            if (BallotOrder.beats(verifier, n.ballot(), proposal)) {
                proposal = n.ballot();
            }
            out.trace("round " + logicalClock + " from " + n.sid() + ": propose " + proposal);
            notifyAll(now, out);
        } else if (n.epoch() < logicalClock) {
            // Deviation: 3.4.14 ignores a vote from an older round and lets its sender be. Two
            // peers that each heard only themselves then never notify again and wait on each other
            // forever (one restarted with its clock back at 0). The sender gets our round, as a
            // FastLeaderElection receiver answers such a vote (PROTOCOL.md 3.7).
            if (n.sid() != myId) {
                out.trace("vote from " + n.sid() + " in old round " + n.epoch() + ": send it round " + logicalClock);
                deliveries.deliver(n.sid(), nextTag++, proposal, logicalClock, now, out);
            }
            return;
        } else if (isReordered(n)) {
            out.trace("older vote " + n.ballot() + " from " + n.sid() + " after its " + recvset.get(n.sid())
                    + ": keep the newer");
            return;
        } else if (BallotOrder.beats(verifier, n.ballot(), proposal)) {
            proposal = n.ballot();
            out.trace("adopt " + proposal + " from " + n.sid());
            notifyAll(now, out);
        }
        recvset.put(n.sid(), n.ballot());
        if (recvset.keySet().containsAll(view.votingMembers())) {
            decide(proposal, "every voter's vote is in", out);
        } else if (quorumFor(recvset, proposal) && verifier.mayLead(proposal.leader())) {
            finalizing = true;
            out.cancelTimer(POLL);
            out.setTimer(FINALIZE_WAIT, now + settings.finalizeWaitNanos());
            out.trace("quorum for " + proposal + ": wait for a better vote");
        }
    }

    /**
     * Deviation: 3.4.14 records whatever vote of the round a peer's datagram carries last. Within a
     * round a peer's proposal only ever gets better, so a worse one from it than the one recorded
     * was sent before it, and UDP delivered the two out of order. Recorded, it replaced the peer's
     * real vote for good once that peer had decided (it sends no LOOKING vote again): the simulator
     * found a would-be leader of three peers, one dead, that its follower had already joined,
     * looking for 20 s, and a real failover took 4.3 s.
     */
    private boolean isReordered(Heard n) {
        Ballot recorded = recvset.get(n.sid());
        return recorded != null && BallotOrder.beats(verifier, recorded, n.ballot());
    }

    /** After the finalize wait: drop queued votes that are no better; decide if none is left. */
    private void endFinalizeWait(long now, Outbox out) {
        finalizing = false;
        if (candidate != null) {
            // Not deciding: adopt the candidate, then count what was queued against it.
            Ballot better = candidate;
            candidate = null;
            out.trace("a better candidate acknowledged in the finalize wait");
            adoptCandidate(better, better.leader(), now, out);
            drain(now, out);
            return;
        }
        while (!queue.isEmpty() && !BallotOrder.beats(verifier, queue.peek().ballot(), proposal)) {
            queue.poll();
        }
        if (queue.isEmpty()) {
            decide(proposal, "no better vote in the finalize wait", out);
            if (roundOpen) {
                armPoll(now, out);
            }
            return;
        }
        out.trace("a better vote came in the finalize wait");
        armPoll(now, out);
        drain(now, out);
    }

    /**
     * A vote from a peer that is LEADING or FOLLOWING (as 3.4.14 reads it): if a quorum of such
     * peers names one leader, join it.
     *
     * <p>Deviation: 3.4.14 joins on that quorum alone, though its acks may be from followers of a
     * leader that has since died (their sessions have not noticed yet); it then fails its session
     * and looks again. Here the leader itself must also have acknowledged as LEADING (the state as
     * it sent it, which the swap would hide), as FastLeaderElection's {@code checkLeader} asks.
     */
    private void onSettled(Heard n, Outbox out) {
        out.trace("settled vote " + n.ballot() + " from " + n.sid() + ", read as " + n.state() + " (sent "
                + n.sentState() + ")");
        outOfElection.put(n.sid(), new Settled(n.ballot(), n.sentState()));
        Map<Long, Ballot> votes = new TreeMap<>();
        outOfElection.forEach((sid, settled) -> votes.put(sid, settled.ballot()));
        if (!quorumFor(votes, n.ballot())) {
            return;
        }
        long leader = n.ballot().leader();
        Settled leaders = outOfElection.get(leader);
        boolean confirmed = leader == myId
                || (leaders != null && leaders.sentState() == ServerState.LEADING && leaders.ballot().equals(n.ballot()));
        if (confirmed) {
            decide(n.ballot(), "a quorum of settled peers", out);
        }
    }

    /**
     * Whether the voters among {@code votes} that vote for {@code target} form a quorum.
     *
     * <p>Deviation: 3.4.14 counts every address it heard from, observers and strangers included,
     * against a plain majority of the voting members ({@code count > N/2}), and "every vote is in"
     * is a count of addresses too. Here only voters are ever recorded (observers' votes never enter
     * the loop) and the view's quorum verifier judges, so weights and hierarchical groups hold.
     */
    private boolean quorumFor(Map<Long, Ballot> votes, Ballot target) {
        List<Long> supporters = new ArrayList<>();
        votes.forEach((sid, ballot) -> {
            if (ballot.equals(target)) {
                supporters.add(sid);
            }
        });
        return verifier.containsQuorum(supporters);
    }

    private void decide(Ballot winner, String why, Outbox out) {
        if (!verifier.mayLead(winner.leader())) {
            // Only reachable through peers configured otherwise: keep looking.
            out.trace("refuse to decide for " + winner + ", which may not lead");
            return;
        }
        ServerState role = winner.leader() == myId ? ServerState.LEADING
                : observer ? ServerState.OBSERVING : ServerState.FOLLOWING;
        long round = logicalClock;
        closeRound(out);
        state = role;
        currentVote = winner;
        // 3.4.14's leaveInstance: the clock moves on as the round ends.
        logicalClock++;
        out.trace("decide " + role + " for " + winner + " in round " + round + " (" + why + ")");
        // Alg 1/2 carry no epochs: the decided vote has this peer's own epoch when it leads and
        // -1 (3.4.14's Vote(id, zxid)) otherwise.
        long peerEpoch = winner.leader() == myId ? context.initialVote().peerEpoch() : -1;
        out.decide(new Vote(winner.leader(), winner.zxid(), round, peerEpoch, role, 0), role);
    }

    /** 3.4.14's sendNotifications: a new tag per server of the full view, self included. */
    private void notifyAll(long now, Outbox out) {
        for (long sid : servers) {
            deliveries.deliver(sid, nextTag++, proposal, logicalClock, now, out);
        }
    }

    private void armPoll(long now, Outbox out) {
        out.setTimer(POLL, now + settings.pollTimeoutNanos());
    }

    private void closeRound(Outbox out) {
        roundOpen = false;
        finalizing = false;
        candidate = null;
        out.cancelTimer(POLL);
        out.cancelTimer(FINALIZE_WAIT);
    }

    private Ballot selfVote() {
        return new Ballot(myId, context.initialVote().zxid());
    }

    /** Deviation: observers propose no one (3.4.14 has them propose themselves, and may elect them). */
    private Ballot initialProposal() {
        return observer ? Ballot.NON_VOTER : selfVote();
    }

    // ---- inspection, for tests ----

    boolean roundOpen() {
        return roundOpen;
    }

    boolean finalizing() {
        return finalizing;
    }

    Ballot proposal() {
        return proposal;
    }

    Ballot currentVote() {
        return currentVote;
    }

    ServerState state() {
        return state;
    }

    /** The logical clock (3.4.14's {@code logicalclock}): the round, bumped again when it ends. */
    public long logicalClock() {
        return logicalClock;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    ChallengeTable issuedChallenges() {
        return issued;
    }

    /** Datagrams dropped for not being a 48-byte message of a known type and state. */
    public long malformedCount() {
        return malformed;
    }

    /** Datagrams dropped for coming from an address outside the view. */
    public long strangerCount() {
        return strangers;
    }

    /** Alg 2 notifications dropped for a missing or wrong challenge. */
    public long refusedNotificationCount() {
        return refusedNotifications;
    }

    /** Notifications left unacknowledged because the loop's queue was full. */
    public long unacknowledgedCount() {
        return unacknowledged;
    }

    @Override
    public String toString() {
        return "AuthFastLeaderElection{" + myId + (challenges ? " alg 2 " : " alg 1 ") + state + " vote " + currentVote
                + ", clock " + logicalClock + (roundOpen ? ", proposing " + proposal : ", idle") + "}";
    }
}
