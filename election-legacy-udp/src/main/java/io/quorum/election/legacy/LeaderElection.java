package io.quorum.election.legacy;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * LeaderElection (electionAlg=0) of ZooKeeper 3.4.14 as a deterministic core (PROTOCOL.md
 * section 4). It plays both of the peer's UDP roles:
 *
 * <ul>
 *   <li>the <b>responder</b> on the quorum port ({@link Endpoint#QUORUM_UDP}), which answers every
 *       4-byte request in every state, for the core's whole life, with this peer's id and vote
 *       (QuorumPeer's ResponderThread);
 *   <li>the <b>requester</b> of one election call ({@link #start}, ZooKeeper's
 *       {@code lookForLeader}) on its own socket ({@link Endpoint#EPHEMERAL_UDP}): one random xid
 *       per call; rounds in which it asks every voter, self included, in id order, waiting up to
 *       200 ms for each answer (less for a server whose port refuses the request, see
 *       {@link #onUnreachable}); a count of the votes for servers it heard from; and either a
 *       decision (after 100 ms when FOLLOWING or OBSERVING, at once when LEADING) or a 1000 ms
 *       sleep before the next round (200 ms after a round in which a server refused or every
 *       voter answered, see {@link #roundSleep}).
 * </ul>
 *
 * <p>Where it deviates from 3.4.14, a comment marked "Deviation" says how and why. In short: the
 * quorum verifier is consulted ({@link VoteCount}); an answer counts only in the round that asked
 * for it, whenever in that round it arrives, and ends only its own server's wait; an observer
 * answers with its vote instead of stale bytes. None of these changes a byte on the wire. The
 * runtime keeps one requester socket for the election's life where 3.4.14 opens one per call;
 * the per-call xid already tells calls apart, so answers to an earlier call are dropped here.
 */
public final class LeaderElection implements ElectionCore {
    static final TimerKey RECEIVE_TIMEOUT = new TimerKey("receive-timeout");
    static final TimerKey ROUND_SLEEP = new TimerKey("round-sleep");
    static final TimerKey SETTLE_DELAY = new TimerKey("settle-delay");

    /** Where the requester is in an election call. */
    enum Phase {
        /** No call open: only the responder works. */
        IDLE,
        /** Sending requests one server at a time and collecting answers. */
        ASKING,
        /** The round did not decide; waiting for the next one. */
        SLEEPING,
        /** Decided FOLLOWING or OBSERVING; the 100 ms sleep before the call returns. */
        SETTLING
    }

    private final long myId;
    private final ElectionContext context;
    private final QuorumVerifier verifier;
    private final LegacySettings settings;
    /** Every voter, self included, in the order requests go out. */
    private final List<Long> voters;
    private final boolean observer;

    // The responder: what QuorumPeer's getPeerState() and getCurrentVote() would return.
    private ServerState state = ServerState.LOOKING;
    private Ballot currentVote;

    // The requester.
    private Phase phase = Phase.IDLE;
    private int xid;
    private long calls;
    private long round;
    private int asking;
    private final Set<Long> asked = new HashSet<>();
    private final Map<Long, Ballot> votes = new TreeMap<>();
    private final Set<Long> heardFrom = new TreeSet<>();
    private Ballot settling;
    /** Whether a server refused this round's request: it is not running (yet, or any more). */
    private boolean refusedThisRound;

    private long requestsAnswered;
    private long malformedRequests;
    private long droppedResponses;

    LeaderElection(ElectionContext context, LegacySettings settings) {
        this.context = context;
        this.myId = context.myId();
        QuorumView view = context.view();
        this.verifier = view.verifier();
        this.settings = settings;
        List<Long> ordered = new ArrayList<>(view.votingMembers());
        ordered.sort(null);
        this.voters = List.copyOf(ordered);
        this.observer = !view.isVoter(myId) || context.learnerType() == LearnerType.OBSERVER;
        // QuorumPeer.startLeaderElection: the responder starts with a vote for this peer.
        this.currentVote = selfVote();
    }

    @Override
    public void start(long now, Outbox out) {
        cancelTimers(out);
        calls++;
        round = 0;
        xid = context.random().nextInt();
        state = ServerState.LOOKING;
        currentVote = selfVote();
        out.trace("election " + calls + ": xid " + Integer.toHexString(xid) + ", vote " + currentVote);
        beginRound(now, out);
    }

    @Override
    public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
        if (from.endpoint() == Endpoint.QUORUM_UDP) {
            onRequest(from, payload, out);
        } else if (from.endpoint() == Endpoint.EPHEMERAL_UDP) {
            onResponse(from, payload, now, out);
        } else {
            out.trace("ignore a message on " + from.endpoint() + ", which alg 0 does not use");
        }
    }

    @Override
    public void onTimer(TimerKey key, long now, Outbox out) {
        if (key.equals(RECEIVE_TIMEOUT) && phase == Phase.ASKING) {
            out.trace("no answer from " + voters.get(asking) + " in time");
            asking++;
            askNext(now, out);
        } else if (key.equals(ROUND_SLEEP) && phase == Phase.SLEEPING) {
            beginRound(now, out);
        } else if (key.equals(SETTLE_DELAY) && phase == Phase.SETTLING) {
            decide(settling, state, out);
        }
    }

    /**
     * The request to {@code sid} was refused: nothing listens on its quorum port, so no answer
     * will come. Deviation: 3.4.14 waits out its 200 ms receive timeout for a server that is down,
     * in every round; here the refusal ends that server's wait at once, as the timeout would (the
     * server is simply not heard from in this round). Where refusals are not reported (ICMP
     * filtered, a port the runtime could not share) the timeout still ends the wait.
     */
    @Override
    public void onUnreachable(long sid, long now, Outbox out) {
        if (phase == Phase.ASKING && asking < voters.size() && voters.get(asking) == sid) {
            out.trace("server " + sid + " refused the request: nothing listens on its quorum port");
            refusedThisRound = true;
            asking++;
            askNext(now, out);
        }
    }

    @Override
    public void onPeerState(ServerState newState, Vote vote, long now, Outbox out) {
        state = newState;
        currentVote = new Ballot(vote.leader(), vote.zxid());
        if (newState != ServerState.LOOKING && phase != Phase.IDLE) {
            out.trace("the peer is " + newState + " outside the election: the call ends undecided");
            cancelTimers(out);
            phase = Phase.IDLE;
        }
    }

    // ---- the responder ----

    private void onRequest(Source from, ByteBuffer payload, Outbox out) {
        DecodeResult<LegacyRequest> decoded = LegacyCodec.decodeRequest(payload);
        if (decoded instanceof DecodeResult.Rejected<LegacyRequest> rejected) {
            // 3.4.14 logs "Got more than just an xid" and sends nothing.
            malformedRequests++;
            out.trace("ignore a request: " + rejected.reason());
            return;
        }
        int requestXid = ((DecodeResult.Decoded<LegacyRequest>) decoded).message().xid();
        Ballot answer = answer();
        requestsAnswered++;
        out.send(Destination.replyTo(from),
                LegacyCodec.encodeResponse(new LegacyResponse(requestXid, myId, answer.leader(), answer.zxid())));
    }

    /** What the responder puts in its answer, by state (PROTOCOL.md section 4). */
    private Ballot answer() {
        return switch (state) {
            // LEADING: own id and the leader's lastProposed, which the peer reports as its vote's zxid.
            case LEADING -> new Ballot(myId, currentVote.zxid());
            // FOLLOWING: the vote's leader and the follower's last zxid, likewise reported by the peer.
            case LOOKING, FOLLOWING -> currentVote;
            // Deviation: 3.4.14 writes nothing for OBSERVING and sends the stale bytes of its previous
            // answer. Voters never ask observers, so only a misconfigured peer could see this; it
            // gets the observer's vote, which is at least true.
            case OBSERVING -> currentVote;
        };
    }

    // ---- the requester ----

    private void beginRound(long now, Outbox out) {
        round++;
        phase = Phase.ASKING;
        asking = 0;
        asked.clear();
        votes.clear();
        heardFrom.clear();
        refusedThisRound = false;
        askNext(now, out);
    }

    /** Sends the request to the next voter and waits for its answer, or counts when all were asked. */
    private void askNext(long now, Outbox out) {
        if (asking >= voters.size()) {
            out.cancelTimer(RECEIVE_TIMEOUT);
            endRound(now, out);
            return;
        }
        long sid = voters.get(asking);
        asked.add(sid);
        out.send(Destination.peer(sid, Endpoint.QUORUM_UDP), LegacyCodec.encodeRequest(new LegacyRequest(xid)));
        out.setTimer(RECEIVE_TIMEOUT, now + settings.receiveTimeoutNanos());
    }

    /**
     * An answer on the requester's socket.
     *
     * <p>Deviation: 3.4.14 reads one datagram per server asked, whatever it is, and answers that
     * arrive late stay in the socket buffer to be read as the next server's answer, in this round
     * or the next (same xid). A duplicated datagram thus shifts every later read by one for the
     * rest of the call, and old votes get counted as fresh. Here an answer counts only while a
     * round is asking, only from a voter this round asked and has not yet heard, and ends only
     * that voter's wait; an answer that comes late but within the round still counts. Garbage,
     * a wrong xid or an answer outside a round is dropped without ending any wait (3.4.14 gives up
     * on the server being asked).
     */
    private void onResponse(Source from, ByteBuffer payload, long now, Outbox out) {
        if (phase != Phase.ASKING) {
            droppedResponses++;
            return;
        }
        DecodeResult<LegacyResponse> decoded = LegacyCodec.decodeResponse(payload);
        if (decoded instanceof DecodeResult.Rejected<LegacyResponse> rejected) {
            droppedResponses++;
            out.trace("drop an answer: " + rejected.reason());
            return;
        }
        LegacyResponse response = ((DecodeResult.Decoded<LegacyResponse>) decoded).message();
        long responder = response.responderId();
        String why = null;
        if (response.xid() != xid) {
            why = "bad xid " + Integer.toHexString(response.xid());
        } else if (from.isKnown() && from.sid() != responder) {
            // Deviation: 3.4.14 takes the id in the answer on trust; an answer from server A's
            // address claiming to be B is dropped here.
            why = "it claims id " + responder;
        } else if (!asked.contains(responder)) {
            why = "not asked this round";
        } else if (votes.containsKey(responder)) {
            why = "already answered this round";
        }
        if (why != null) {
            droppedResponses++;
            out.trace("drop an answer from " + (from.isKnown() ? from.sid() : responder) + ": " + why);
            return;
        }
        heardFrom.add(responder);
        votes.put(responder, new Ballot(response.voteLeader(), response.voteZxid()));
        if (responder == voters.get(asking)) {
            asking++;
            askNext(now, out);
        }
    }

    private void endRound(long now, Outbox out) {
        VoteCount.Result count = VoteCount.count(votes, heardFrom, verifier);
        out.trace("round " + round + ": votes " + votes + ", valid " + count.validVotes()
                + count.mostVoted().map(m -> ", most voted " + m + " by " + count.supporters()).orElse("")
                + count.best().map(b -> ", best " + b).orElse(""));
        if (count.validVotes() == 0) {
            // ZOOKEEPER-569 (LENonTerminateTest): with no vote for a live server, vote for self
            // again rather than hang on to a vote for a dead one.
            currentVote = selfVote();
            out.trace("no valid votes: vote for self again");
        } else {
            currentVote = count.best().orElseThrow();
            if (count.quorum()) {
                settle(count.mostVoted().orElseThrow(), now, out);
                return;
            }
        }
        sleep(now + roundSleep(), out);
    }

    /**
     * Deviation: 3.4.14 always sleeps a second between rounds that did not decide. Here the next
     * round comes after shortRoundSleep (200 ms) when this round had full information about who
     * runs: a server refused the request (nothing listens on its quorum port: it is still starting,
     * or it was killed) or every voter answered (each has now seen, or will see in its own round,
     * the votes of all the others, so the next round of each can only move towards the best
     * vote). The second stays for a round in which a voter was silent, neither answering nor
     * refusing: its answer may be late or lost, and the votes get 3.4.14's time to settle. Where
     * refusals are not reported the timeout ends the wait and counts as silence. A starting
     * ensemble thus elects about a second sooner, and the survivors of a killed leader vote again
     * soon. Only timing changes: not a byte on the wire.
     */
    private long roundSleep() {
        boolean everyoneAnswered = heardFrom.size() == voters.size();
        return refusedThisRound || everyoneAnswered
                ? Math.min(settings.roundSleepNanos(), settings.shortRoundSleepNanos())
                : settings.roundSleepNanos();
    }

    private void settle(Ballot winner, long now, Outbox out) {
        currentVote = winner;
        if (observer && winner.leader() == myId) {
            // Cannot happen (no voter ever votes for an observer); 3.4.14 logs an error, sleeps
            // 100 ms and runs another round after the usual 1000 ms.
            out.trace("an observer was elected: look again");
            sleep(now + settings.settleDelayNanos() + settings.roundSleepNanos(), out);
            return;
        }
        if (winner.leader() == myId) {
            state = ServerState.LEADING;
            decide(winner, state, out);
            return;
        }
        // 3.4.14 sets the state before its 100 ms sleep, so the responder already answers with it.
        state = observer ? ServerState.OBSERVING : ServerState.FOLLOWING;
        settling = winner;
        phase = Phase.SETTLING;
        out.setTimer(SETTLE_DELAY, now + settings.settleDelayNanos());
    }

    private void sleep(long until, Outbox out) {
        phase = Phase.SLEEPING;
        out.setTimer(ROUND_SLEEP, until);
    }

    private void decide(Ballot winner, ServerState role, Outbox out) {
        phase = Phase.IDLE;
        settling = null;
        // Alg 0 carries no epochs: the decided vote has this peer's own epoch when it leads and
        // -1 (3.4.14's Vote(id, zxid)) otherwise; the round field holds the election call count.
        long peerEpoch = winner.leader() == myId ? context.initialVote().peerEpoch() : -1;
        out.trace("decide " + role + " for " + winner + " in round " + round);
        out.decide(new Vote(winner.leader(), winner.zxid(), calls, peerEpoch, role, 0), role);
    }

    private void cancelTimers(Outbox out) {
        out.cancelTimer(RECEIVE_TIMEOUT);
        out.cancelTimer(ROUND_SLEEP);
        out.cancelTimer(SETTLE_DELAY);
    }

    private Ballot selfVote() {
        return new Ballot(myId, context.initialVote().zxid());
    }

    // ---- inspection, for tests ----

    Phase phase() {
        return phase;
    }

    ServerState state() {
        return state;
    }

    Ballot currentVote() {
        return currentVote;
    }

    long round() {
        return round;
    }

    /** Requests answered by the responder. */
    public long requestsAnswered() {
        return requestsAnswered;
    }

    /** Requests ignored for not being exactly 4 bytes. */
    public long malformedRequests() {
        return malformedRequests;
    }

    /** Answers dropped: garbage, a wrong xid, unasked, duplicate or outside a round. */
    public long droppedResponses() {
        return droppedResponses;
    }

    @Override
    public String toString() {
        return "LeaderElection{" + myId + " " + state + " vote " + currentVote + ", " + phase + " round " + round
                + " of call " + calls + ", xid " + Zxid.toHex(xid & 0xffffffffL) + "}";
    }
}
