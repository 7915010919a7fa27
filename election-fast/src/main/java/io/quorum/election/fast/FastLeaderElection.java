package io.quorum.election.fast;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.DecodeResult;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.api.view.QuorumVerifier;
import io.quorum.api.view.QuorumView;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * FastLeaderElection (electionAlg=3) as a deterministic core. It plays both halves of ZooKeeper's
 * class: the election loop ({@code lookForLeader}, PROTOCOL.md 3.6) while a round is open, and
 * the receiver's direct replies (3.7) in every state. Where 3.4.14 and 3.9.5 differ, it takes
 * 3.9.5's behaviour, which fixed 3.4 bugs; each such place says so.
 */
public final class FastLeaderElection implements ElectionCore {
    static final TimerKey NOTIFICATION_INTERVAL = new TimerKey("notification-interval");
    static final TimerKey FINALIZE_WAIT = new TimerKey("finalize-wait");
    static final TimerKey REJOIN_WAIT = new TimerKey("rejoin-wait");

    private final long myId;
    private final ElectionContext context;
    private final QuorumView view;
    private final QuorumVerifier verifier;
    private final FastElectionSettings settings;
    private final NotificationWriter writer;

    private final Map<Long, Vote> recvset = new HashMap<>();
    private final Map<Long, Vote> outOfElection = new HashMap<>();
    /** Voters whose stream is known to be down; presumed up until the driver says otherwise. */
    private final Set<Long> unreachable = new HashSet<>();
    /** Voters whose stream went down less than linkDownGrace ago, by their pending timer. */
    private final Map<TimerKey, Long> linkDownGrace = new HashMap<>();
    /** Notifications that arrived before the first round opened, as ZooKeeper's recvqueue keeps them. */
    private final Queue<Received> early = new ArrayDeque<>();

    private ServerState state = ServerState.LOOKING;
    private boolean roundOpen;
    private boolean finalizing;
    private long logicalClock;
    private Proposal initial;
    private Proposal proposal;
    private Vote currentVote;
    private long notificationInterval;
    private long malformed;
    /** The leader of this peer's last decision (or of the role it was told of), -1 if none yet. */
    private long lastLeader = -1;
    /** The leader this peer was with when the open round began: the one it has just lost, or -1. */
    private long lostLeader = -1;
    /** An established leader's vote this peer means to rejoin once the rejoin wait has passed. */
    private Vote pendingRejoin;

    FastLeaderElection(ElectionContext context, FastElectionSettings settings) {
        this.context = context;
        this.myId = context.myId();
        this.view = context.view();
        this.verifier = view.verifier();
        this.settings = settings;
        this.writer = new NotificationWriter(ConfigString.render(view));
        this.initial = initialProposal();
        this.proposal = initial;
        this.currentVote = proposal.asVote(0, ServerState.LOOKING);
    }

    /** Messages dropped because they did not parse. */
    public long malformedCount() {
        return malformed;
    }

    /** The current round (ZooKeeper's logical clock). */
    public long logicalClock() {
        return logicalClock;
    }

    @Override
    public void start(long now, Outbox out) {
        logicalClock++;
        roundOpen = true;
        finalizing = false;
        pendingRejoin = null;
        lostLeader = lastLeader;
        state = ServerState.LOOKING;
        recvset.clear();
        outOfElection.clear();
        initial = initialProposal();
        proposal = initial;
        notificationInterval = settings.minNotificationIntervalNanos();
        out.trace("round " + logicalClock + ": propose " + describe(proposal));
        broadcast(out);
        out.setTimer(NOTIFICATION_INTERVAL, now + notificationInterval);
        checkTermination(now, out);
        replayEarly(now, out);
    }

    @Override
    public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
        DecodeResult<Notification> decoded = NotificationCodec.decode(payload);
        if (decoded instanceof DecodeResult.Rejected<Notification> rejected) {
            malformed++;
            out.trace("drop malformed notification from " + from.sid() + ": " + rejected.reason());
            return;
        }
        Notification n = ((DecodeResult.Decoded<Notification>) decoded).message();
        if (!view.isVoter(from.sid())) {
            // Non-voters (observers, unknown sids) get our vote whatever they sent (3.7).
            reply(from, voteForNonVoters(), out);
            return;
        }
        if (roundOpen) {
            onNotificationWhileLooking(from, n, now, out);
        } else if (state == ServerState.LOOKING) {
            keepEarly(from, n);
        } else if (n.state() == ServerState.LOOKING) {
            reply(from, currentVote, out);
            reportChangedMind(from.sid(), n, out);
        }
    }

    /**
     * ZOOKEEPER-3109: while leading, a voter looking in a newer round than the one that elected
     * us has left this epoch; the session may stop waiting for it. A LOOKING vote from the same
     * round is only one sent before its sender decided, and says nothing.
     */
    private void reportChangedMind(long sid, Notification n, Outbox out) {
        if (state == ServerState.LEADING && n.electionEpoch() > logicalClock) {
            out.voterLooking(sid);
        }
    }

    @Override
    public void onTimer(TimerKey key, long now, Outbox out) {
        Long stillDown = linkDownGrace.remove(key);
        if (stillDown != null) {
            unreachable.add(stillDown);
            if (roundOpen && finalizing) {
                // A voter that went away may be the only one the fast rule was still waiting for.
                checkTermination(now, out);
            }
            return;
        }
        if (!roundOpen) {
            return;
        }
        if (key.equals(NOTIFICATION_INTERVAL)) {
            broadcast(out);
            notificationInterval = Math.min(2 * notificationInterval, settings.maxNotificationIntervalNanos());
            out.setTimer(NOTIFICATION_INTERVAL, now + notificationInterval);
            out.trace("no decision yet: re-sent proposal, next in " + notificationInterval / 1_000_000 + " ms");
        } else if (key.equals(FINALIZE_WAIT) && finalizing) {
            out.trace("finalize wait passed without a better vote");
            decideProposal(out);
        } else if (key.equals(REJOIN_WAIT) && pendingRejoin != null) {
            Vote leader = pendingRejoin;
            pendingRejoin = null;
            if (settledQuorum(outOfElection, leader) && !knownDown(leader.leader())) {
                logicalClock = leader.electionEpoch();
                decideFor(leader, "the established leader, still up after the rejoin wait", out);
            } else {
                out.trace("leader " + leader.leader() + " went down during the rejoin wait: keep looking");
            }
        }
    }

    /**
     * A voter counts as unreachable for the fast rule only once its link has stayed down for
     * {@code linkDownGrace}. A down link is not proof of a dead voter: in the sid tie-break
     * (PROTOCOL.md 2.3) the higher sid drops its working connection whenever the lower sid dials
     * it, then dials back, so both ends see the link go down and up within milliseconds, as
     * ZooKeeper's own acceptors (3.4.14 and 3.9.5) do to us in a mixed ensemble. Counting that
     * blip let a peer decide at once for the best of the other voters while the flapping voter's
     * better vote was on its way (FastLeaderElectionSocketTest elected 2 instead of 3). ZooKeeper
     * itself ignores link state and always waits finalizeWait (3.6 step 5).
     */
    @Override
    public void onLink(long sid, boolean up, long now, Outbox out) {
        if (!view.isVoter(sid)) {
            return;
        }
        TimerKey grace = linkDownGraceKey(sid);
        if (up) {
            linkDownGrace.remove(grace);
            out.cancelTimer(grace);
            unreachable.remove(sid);
        } else if (!unreachable.contains(sid) && !linkDownGrace.containsKey(grace)) {
            linkDownGrace.put(grace, sid);
            out.setTimer(grace, now + settings.linkDownGraceNanos());
        }
    }

    /**
     * Dialling a voter whose link recently went down failed: nothing listens at its election
     * address, so it is gone (killed, crashed, stopped), not in the middle of a tie-break
     * reconnect, and the rest of its grace would only delay the decision. A voter that was never
     * connected has no grace pending and is left to the usual rules, so that peers starting a
     * little apart still wait for each other.
     */
    @Override
    public void onUnreachable(long sid, long now, Outbox out) {
        TimerKey grace = linkDownGraceKey(sid);
        if (linkDownGrace.remove(grace) == null) {
            return;
        }
        out.cancelTimer(grace);
        unreachable.add(sid);
        out.trace("voter " + sid + " is unreachable: its link went down and dialling it failed");
        if (roundOpen && finalizing) {
            checkTermination(now, out);
        }
    }

    private static TimerKey linkDownGraceKey(long sid) {
        return new TimerKey("link-down-grace-" + sid);
    }

    @Override
    public void onPeerState(ServerState newState, Vote vote, long now, Outbox out) {
        state = newState;
        currentVote = vote.withState(newState);
        if (newState != ServerState.LOOKING) {
            lastLeader = vote.leader();
        }
        if (newState != ServerState.LOOKING && roundOpen) {
            closeRound(out);
        }
    }

    private void onNotificationWhileLooking(Source from, Notification n, long now, Outbox out) {
        if (n.state() == ServerState.LOOKING && n.electionEpoch() < logicalClock) {
            // The receiver thread's reply to a peer in an older round (3.7).
            reply(from, proposal.asVote(logicalClock, ServerState.LOOKING), out);
        }
        if (finalizing && !absorbDuringFinalize(from, n, now, out)) {
            return;
        }
        if (!view.isVoter(n.leader())) {
            out.trace("ignore vote from " + from.sid() + " for non-voter " + n.leader());
            return;
        }
        switch (n.state()) {
            case LOOKING -> onLooking(from, n, now, out);
            case FOLLOWING, LEADING -> onSettled(from.sid(), n, now, out);
            case OBSERVING -> out.trace("ignore OBSERVING notification from " + from.sid());
        }
    }

    /**
     * During the finalize wait ZooKeeper consumes notifications that do not beat the proposal
     * (3.6 step 5). Returns true when {@code n} is better, which ends the wait.
     */
    private boolean absorbDuringFinalize(Source from, Notification n, long now, Outbox out) {
        long sid = from.sid();
        if (VoteOrder.beats(verifier, Proposal.of(n), proposal)) {
            finalizing = false;
            out.cancelTimer(FINALIZE_WAIT);
            out.trace("better vote from " + sid + " ends the finalize wait");
            return true;
        }
        if (!settings.fastTermination() || !view.isVoter(n.leader())) {
            return false;
        }
        // Not ZooKeeper steps, which drop these: keep agreeing votes of our round so the fast rule
        // can end the wait, answer worse ones as outside the wait, and let a leader's own answer
        // confirm it at once.
        if (n.state() == ServerState.LOOKING && n.electionEpoch() == logicalClock) {
            recvset.put(sid, n.toVote());
            answerWorseVote(from, Proposal.of(n), out);
            checkTermination(now, out);
        } else if (n.state() == ServerState.FOLLOWING || n.state() == ServerState.LEADING) {
            onSettled(sid, n, now, out);
        }
        return false;
    }

    /**
     * Not a ZooKeeper step: a peer in our round behind on the best vote gets our proposal at once.
     * Otherwise it learns it only at our next re-send, which the back-off may put seconds away; and
     * during our finalize wait the peer is typically the one that lost the leader last and proposed
     * itself, whose vote every other peer's fast rule waits for (200 ms stalls in the simulator).
     */
    private void answerWorseVote(Source from, Proposal theirs, Outbox out) {
        if (VoteOrder.beats(verifier, proposal, theirs)) {
            reply(from, proposal.asVote(logicalClock, ServerState.LOOKING), out);
        }
    }

    private void onLooking(Source from, Notification n, long now, Outbox out) {
        long sid = from.sid();
        if (n.zxid() == Zxid.NONE) {
            // 3.9.5 ignores votes that carry no history.
            return;
        }
        Proposal theirs = Proposal.of(n);
        if (n.electionEpoch() > logicalClock) {
            logicalClock = n.electionEpoch();
            recvset.clear();
            // Compare against our own initial vote, not the stale proposal (ZOOKEEPER-275/362).
            proposal = VoteOrder.beats(verifier, theirs, initial) ? theirs : initial;
            out.trace("round " + logicalClock + " from " + sid + ": propose " + describe(proposal));
            broadcast(out);
        } else if (n.electionEpoch() < logicalClock) {
            return;
        } else if (VoteOrder.beats(verifier, theirs, proposal)) {
            proposal = theirs;
            out.trace("adopt " + describe(proposal) + " from " + sid);
            broadcast(out);
        } else {
            answerWorseVote(from, theirs, out);
        }
        recvset.put(sid, n.toVote());
        checkTermination(now, out);
    }

    /**
     * A FOLLOWING or LEADING peer. In our round its vote counts with the others; in any round it
     * may show an established leader this peer should join (3.6 step 7). Like 3.9.5,
     * checkLeader looks at the same set the quorum came from.
     */
    private void onSettled(long sid, Notification n, long now, Outbox out) {
        Vote theirs = n.toVote();
        if (n.electionEpoch() == logicalClock) {
            recvset.put(sid, theirs);
            if (settledQuorum(recvset, theirs)) {
                decideFor(theirs, "a quorum in round " + logicalClock, out);
                return;
            }
        }
        outOfElection.put(sid, theirs);
        if (!settledQuorum(outOfElection, theirs) || knownDown(theirs.leader())) {
            return;
        }
        if (theirs.leader() == lostLeader && lostLeader != myId) {
            awaitRejoin(theirs, now, out);
            return;
        }
        logicalClock = n.electionEpoch();
        decideFor(theirs, "the established leader", out);
    }

    /**
     * Not a ZooKeeper step: before rejoining the very leader whose loss opened this round, wait
     * finalizeWait for its link to go down. The settled votes that make the quorum may have been
     * sent before that leader stopped, above all the decision announcements of an election that
     * ended just before (fast termination), and arrive after this round began but before the
     * closed connection does: the link goes down only once the bytes before it are read. Joining
     * on them follows a dead leader, and with enough peers doing so the rest can never form a
     * quorum without a session layer sending them back to LOOKING (ElectionLatencyBenchmark hung
     * so). A leader that is still up answers the same, and is rejoined when the wait ends.
     */
    private void awaitRejoin(Vote leader, long now, Outbox out) {
        if (pendingRejoin != null) {
            return;
        }
        pendingRejoin = leader;
        out.setTimer(REJOIN_WAIT, now + settings.finalizeWaitNanos());
        out.trace("a quorum follows " + leader.leader() + ", the leader this peer lost: rejoin in "
                + settings.finalizeWaitNanos() / 1_000_000 + " ms unless its link goes down");
    }

    /**
     * Not a ZooKeeper check: votes from an earlier round may still be in flight after their
     * leader died (ours announce decisions, ZooKeeper's replies do the same). Joining a leader
     * whose stream we know is down would only cost a failed session before the next election.
     */
    private boolean knownDown(long leader) {
        return leader != myId && (unreachable.contains(leader) || linkDownGrace.containsKey(linkDownGraceKey(leader)));
    }

    private boolean settledQuorum(Map<Long, Vote> votes, Vote target) {
        return VoteTally.hasQuorum(verifier, votes, target)
                && VoteTally.leaderConfirmed(votes, target.leader(), target.electionEpoch(), myId, logicalClock);
    }

    private void checkTermination(long now, Outbox out) {
        if (!roundOpen) {
            return;
        }
        Vote target = proposal.asVote(logicalClock, ServerState.LOOKING);
        if (!VoteTally.hasQuorum(verifier, recvset, target)) {
            return;
        }
        if (!verifier.mayLead(proposal.leader())) {
            // A proposal that may never lead (a zero-weight id, ZOOKEEPER-491; PROTOCOL.md 3.5) can
            // reach a quorum only through peers with another config. decideFor would refuse it when
            // the wait ended and leave the finalize wait open with no timer, swallowing every later
            // notification, the real leader's LEADING included; so never start that wait.
            out.trace("quorum for " + proposal.leader() + ", which may not lead: keep looking");
            return;
        }
        if (settings.fastTermination() && everyReachableVoterAgrees(target)) {
            out.trace("every reachable voter agrees");
            decideProposal(out);
        } else if (!finalizing) {
            finalizing = true;
            out.setTimer(FINALIZE_WAIT, now + settings.finalizeWaitNanos());
            out.trace("quorum for " + proposal.leader() + ": waiting for a better vote");
        }
    }

    /**
     * The fast rule: every voter not known to be unreachable, this peer included, has voted for
     * the proposal in this round. No better vote can still arrive from them, so waiting is moot.
     */
    private boolean everyReachableVoterAgrees(Vote target) {
        for (long voter : view.votingMembers()) {
            if (voter == myId || !unreachable.contains(voter)) {
                Vote vote = recvset.get(voter);
                if (vote == null || !VoteTally.matches(vote, target)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void decideProposal(Outbox out) {
        decideFor(proposal.asVote(logicalClock, ServerState.LOOKING), "the proposal", out);
    }

    private void decideFor(Vote winner, String why, Outbox out) {
        if (!verifier.mayLead(winner.leader())) {
            out.trace("refuse to decide for " + winner.leader() + ", which may not lead");
            return;
        }
        ServerState role = winner.leader() == myId ? ServerState.LEADING : learningRole();
        Vote decided = new Vote(winner.leader(), winner.zxid(), winner.electionEpoch(), winner.peerEpoch(), role, Vote.CURRENT_VERSION);
        closeRound(out);
        state = role;
        currentVote = decided;
        lastLeader = winner.leader();
        out.trace("decide " + role + " for " + winner.leader() + " in round " + logicalClock + " (" + why + ")");
        out.decide(decided, role);
        if (settings.fastTermination()) {
            announce(decided, out);
        }
    }

    /**
     * Not a ZooKeeper step: tell the other voters once what we decided. A voter still waiting in
     * the finalize wait for our vote can then decide at once (a leader's own LEADING confirms it),
     * instead of waiting out the wait because we stopped sending when we decided.
     */
    private void announce(Vote decided, Outbox out) {
        byte[] payload = writer.write(decided);
        for (long voter : view.votingMembers()) {
            if (voter != myId) {
                out.send(Destination.peer(voter, Endpoint.ELECTION_TCP), payload);
            }
        }
    }

    private void closeRound(Outbox out) {
        roundOpen = false;
        finalizing = false;
        pendingRejoin = null;
        early.clear();
        out.cancelTimer(NOTIFICATION_INTERVAL);
        out.cancelTimer(FINALIZE_WAIT);
        out.cancelTimer(REJOIN_WAIT);
    }

    /** Sends the proposal to every other voter and records this peer's own vote, as the self-message would. */
    private void broadcast(Outbox out) {
        byte[] payload = writer.write(proposal.asVote(logicalClock, ServerState.LOOKING));
        for (long voter : view.votingMembers()) {
            if (voter != myId) {
                out.send(Destination.peer(voter, Endpoint.ELECTION_TCP), payload);
            }
        }
        if (view.isVoter(myId)) {
            recvset.put(myId, proposal.asVote(logicalClock, ServerState.LOOKING));
        }
    }

    private void reply(Source to, Vote vote, Outbox out) {
        out.send(Destination.replyTo(to), writer.write(vote));
    }

    /** 3.9.5: our vote, stamped with our round and our state. While looking, the live proposal. */
    private Vote voteForNonVoters() {
        if (roundOpen) {
            return proposal.asVote(logicalClock, ServerState.LOOKING);
        }
        return currentVote.withElectionEpoch(logicalClock).withState(state);
    }

    private void keepEarly(Source from, Notification n) {
        if (early.size() < 4 * view.servers().size()) {
            early.add(new Received(from, n));
        }
    }

    private void replayEarly(long now, Outbox out) {
        while (roundOpen && !early.isEmpty()) {
            Received received = early.poll();
            onNotificationWhileLooking(received.from(), received.notification(), now, out);
        }
        early.clear();
    }

    private Proposal initialProposal() {
        if (!view.isVoter(myId) || context.learnerType() == LearnerType.OBSERVER) {
            return Proposal.NON_VOTER;
        }
        return Proposal.of(context.initialVote());
    }

    private ServerState learningRole() {
        return context.learnerType() == LearnerType.OBSERVER ? ServerState.OBSERVING : ServerState.FOLLOWING;
    }

    private static String describe(Proposal p) {
        return p.leader() + " (zxid " + Zxid.toHex(p.zxid()) + ", epoch " + p.peerEpoch() + ")";
    }

    private record Received(Source from, Notification notification) {
    }
}
