package io.quorum.peer.runtime;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.leadership.LeadershipListener;
import io.quorum.api.view.QuorumServer;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.ops.PeerStatus;
import io.quorum.peer.ops.PeerStatusHolder;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.transport.runtime.SystemTicker;
import io.quorum.transport.support.OwnedThreads;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quorum peer: the state loop of ZooKeeper's {@code QuorumPeer.run()}. LOOKING runs an election;
 * LEADING, FOLLOWING and OBSERVING run a session over the quorum port until it ends; then the
 * peer looks again. One thread owns the loop; {@link #close()} stops it promptly in every state.
 */
public final class QuorumPeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumPeer.class);
    private static final long JOIN_MILLIS = 10_000;

    private final QuorumPeerConfig config;
    private final PeerHistory history;
    private final ElectionStarter electionStarter;
    private final RoleSessions sessions;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final OwnedThreads threads;
    private final PeerStatusHolder status;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Election election;

    /**
     * @param status where the peer publishes its role for the client port, JMX and embedders; it
     *     starts as {@code PeerStatus.starting} built from the same config and history
     */
    public QuorumPeer(QuorumPeerConfig config, PeerHistory history, ElectionStarter electionStarter, RoleSessions sessions,
            PeerStatusHolder status) {
        this.config = config;
        this.history = history;
        this.electionStarter = electionStarter;
        this.sessions = sessions;
        this.threads = new OwnedThreads("quorum-peer-" + config.myId(), Long.toString(config.myId()));
        this.status = status;
    }

    /** Adds a listener for leadership changes; calls come from the peer's thread, in order. */
    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    /** The peer's role, leader and epochs as of now. */
    public PeerStatus status() {
        return status.current();
    }

    public PeerHistory history() {
        return history;
    }

    /** Starts the election and the state loop (ZooKeeper's {@code start()} after loadDataBase). */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("peer " + config.myId() + " is already running");
        }
        running = true;
        election = electionStarter.start(new PeerElectionContext(config.myId(), config.view(), this::initialVote,
                config.electionProperties()));
        election.onVoterLooking(sessions::voterLooking);
        // The election can tell the role is lost before the session does (Raft's check-quorum).
        election.onLookAgain(reason -> sessions.abort());
        threads.start("main", this::run);
        LOG.info("peer {} started with {}", config.myId(), history);
    }

    /** The vote a new round starts from: the live history, read at the start of each round. */
    private Vote initialVote() {
        return Vote.initial(config.myId(), history.lastLoggedZxid(), history.currentEpoch());
    }

    private void run() {
        try {
            loop();
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Waits until the state loop has ended: after {@link #close()}, or when the peer stopped by
     * itself on a fatal error (which it logged).
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    private void loop() {
        while (running) {
            try {
                Decision decision = look();
                if (decision != null) {
                    serve(decision);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IllegalStateException e) {
                if (running) {
                    LOG.error("peer {} stops: {}", config.myId(), e.getMessage(), e);
                }
                return;
            }
        }
    }

    private Decision look() throws InterruptedException {
        status.update(s -> withHistory(s).looking(wallMillis()));
        listeners.forEach(LeadershipListener::looking);
        long started = SystemTicker.INSTANCE.nanoTime();
        OptionalLong messagesBefore = election.messagesSent();
        OptionalLong bytesBefore = election.bytesSent();
        Decision decision = election.lookForLeader();
        long tookMillis = (SystemTicker.INSTANCE.nanoTime() - started) / 1_000_000;
        if (!running) {
            return null;
        }
        LOG.info("{} - LEADER ELECTION TOOK - {} ms (leader {}, round {})", decision.role(), tookMillis,
                decision.leader(), decision.vote().electionEpoch());
        if (messagesBefore.isPresent() && bytesBefore.isPresent()) {
            // Read from outside (quorum bench) as this peer's own election traffic.
            LOG.info("ELECTION SENT - {} messages, {} bytes", election.messagesSent().orElseThrow() - messagesBefore.getAsLong(),
                    election.bytesSent().orElseThrow() - bytesBefore.getAsLong());
        }
        status.update(s -> s.elected(decision.role(), decision.leader(), Duration.ofMillis(tookMillis), wallMillis()));
        return decision;
    }

    private void serve(Decision decision) throws InterruptedException {
        String ended;
        // One call site for both roles: a follower that becomes leader links no new lambda mid-failover.
        LongConsumer onEstablished = epoch -> established(decision, epoch);
        if (decision.role() == ServerState.LEADING) {
            ended = sessions.lead(history, onEstablished);
        } else {
            QuorumServer leader = config.view().server(decision.leader()).orElse(null);
            if (leader == null) {
                LOG.warn("elected leader {} is not in this peer's view; looking again", decision.leader());
                return;
            }
            LearnerType type = decision.role() == ServerState.OBSERVING ? LearnerType.OBSERVER : LearnerType.PARTICIPANT;
            ended = sessions.learn(leader, type, history, onEstablished);
        }
        if (running) {
            LOG.info("{} session ended: {}; looking again", decision.role(), ended);
            election.peerState(ServerState.LOOKING, decision.vote());
        }
    }

    /**
     * The session synced: report the new epoch in the vote other peers are answered with
     * (ZOOKEEPER-1732), and tell the listeners.
     */
    private void established(Decision decision, long epoch) {
        Vote vote = decision.vote();
        Vote current = new Vote(vote.leader(), vote.zxid(), vote.electionEpoch(), epoch, decision.role(), vote.version());
        election.peerState(decision.role(), current);
        status.update(s -> withHistory(s).establishedNow());
        LOG.info("{} established in epoch {} under leader {}", decision.role(), epoch, decision.leader());
        for (LeadershipListener listener : listeners) {
            if (decision.role() == ServerState.LEADING) {
                listener.leading(epoch);
            } else {
                listener.following(decision.leader(), epoch);
            }
        }
    }

    /** The status with the epochs and last zxid the history holds now. */
    private PeerStatus withHistory(PeerStatus current) {
        return current.withEpochs(history.currentEpoch(), history.acceptedEpoch())
                .withLastLoggedZxid(history.lastLoggedZxid());
    }

    private static long wallMillis() {
        return SystemTicker.INSTANCE.wallMillis();
    }

    /** Stops the peer in whatever state it is in and waits for its threads. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        sessions.abort();
        Election running = election;
        if (running != null) {
            running.shutdown();
        }
        sessions.close();
        try {
            if (!threads.joinAll(JOIN_MILLIS)) {
                LOG.warn("peer {} did not stop within {} ms", config.myId(), JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.update(s -> withHistory(s).looking(wallMillis()));
        LOG.info("peer {} stopped", config.myId());
    }
}
