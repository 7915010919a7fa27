package io.quorum.peer.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.session.SyncKind;
import io.quorum.transport.sim.Ensemble;
import io.quorum.transport.sim.Invariant;
import io.quorum.transport.sim.PeerLayer;
import io.quorum.transport.sim.SimHost;
import io.quorum.transport.sim.SimPhase;
import io.quorum.transport.sim.SimState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * ZooKeeper's session layer on every simulated peer, hosted by the transport simulator: after its
 * election decides, a peer leads (listening for learners) or connects to its leader and learns,
 * through the real session cores, over simulated connections; its epochs and log live in a
 * crashable {@link SimEpochStore} and {@link SimTxnLog}, recovered at every boot by the real
 * {@code DataDirRecovery}. When a session ends the peer looks for a leader again.
 *
 * <p>Durable writes are carried out in the order the cores ask for them, each complete before the
 * next effect; under schedules with crashes a peer may crash right before a write, in the middle
 * of a currentEpoch write, or right after one, and comes back later with only what was written.
 */
public final class ZabSessionLayer implements PeerLayer {
    private static final long MS = 1_000_000L;

    private enum CrashPoint { NONE, BEFORE, TORN, AFTER }

    private final PeerSimOptions options;
    private final PeerLedger ledger = new PeerLedger();
    private List<History> initial;
    private QuorumView view;
    private SimHost host;
    private SessionSettings settings;
    private SimPeer[] peers;

    public ZabSessionLayer(PeerSimOptions options) {
        this.options = options;
    }

    @Override
    public Ensemble ensemble(Ensemble drawn, SplittableRandom random) {
        int servers = drawn.initialVotes().size();
        if (options.histories() != null && options.histories().size() != servers) {
            throw new IllegalArgumentException(options.histories().size() + " histories for " + servers + " servers");
        }
        initial = options.histories() != null ? options.histories() : Histories.reachable(drawn.view(), servers, random);
        view = drawn.view();
        return new Ensemble(drawn.view(), Histories.votes(initial));
    }

    @Override
    public void attach(SimHost simHost) {
        this.host = simHost;
        this.settings = SessionSettings.draw(simHost.random(), simHost.state().schedule(), options);
        this.peers = new SimPeer[initial.size()];
        for (int i = 0; i < peers.length; i++) {
            LearnerType type = view.isVoter(i + 1L) ? LearnerType.PARTICIPANT : LearnerType.OBSERVER;
            peers[i] = new SimPeer(i, type, initial.get(i));
        }
        for (PeerSimOptions.Intervention step : options.interventions()) {
            simHost.schedule(step.atNanos(), () -> {
                simHost.trace("intervention: " + step.what());
                step.action().accept(this);
            });
        }
    }

    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>(settings.describe());
        lines.add("session cores " + options.cores());
        for (SimPeer peer : peers) {
            lines.add("history n" + peer.sid + " " + peer.store + " log " + peer.log);
        }
        return lines;
    }

    @Override
    public List<Invariant> invariants() {
        return PeerInvariants.all(this);
    }

    @Override
    public boolean boot(int index) {
        SimPeer peer = peers[index];
        try {
            peer.recover();
            return true;
        } catch (IOException | RuntimeException e) {
            ledger.recoveryFailed("n" + peer.sid + " cannot recover " + peer.store + ", log " + peer.log + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public Vote initialVote(int index) {
        History history = peers[index].history();
        return Vote.initial(index + 1L, history.lastLoggedZxid(), history.currentEpoch());
    }

    @Override
    public void crashed(int index) {
        peers[index].crash();
    }

    @Override
    public void decided(int index, Decision decision) {
        SimPeer peer = peers[index];
        if (decision.role() == ServerState.LEADING) {
            startLeaderSession(peer, decision);
        } else {
            LearnerRun run = new LearnerRun(this, peer, decision, options.cores());
            peer.session(run);
            run.start();
        }
    }

    private void startLeaderSession(SimPeer peer, Decision decision) {
        LeaderRun run = new LeaderRun(this, peer, decision, options.cores());
        peer.session(run);
        run.lead();
    }

    @Override
    public void loseSession(int index) {
        SessionRun run = peers[index].session();
        if (run != null) {
            run.end("lose-leader fault");
        }
    }

    @Override
    public Optional<String> converged(SimState state) {
        for (SimPeer leader : peers) {
            if (leader.isUp() && leader.session() instanceof LeaderRun run && run.isEstablished()) {
                Set<Long> quorum = following(leader.sid, run.establishedEpoch());
                if (view.verifier().containsQuorum(quorum)) {
                    return Optional.of("leader=" + leader.sid + " epoch=" + run.establishedEpoch() + " quorum=" + quorum);
                }
            }
        }
        return Optional.empty();
    }

    /** The leader and the up voters synced with it in {@code epoch}. */
    private Set<Long> following(long leaderSid, long epoch) {
        Set<Long> quorum = new TreeSet<>(Set.of(leaderSid));
        for (SimPeer p : peers) {
            if (p.isUp() && !p.isObserver() && p.session() instanceof LearnerRun learner && learner.isEstablished()
                    && learner.leaderSid() == leaderSid && learner.establishedEpoch() == epoch) {
                quorum.add(p.sid);
            }
        }
        return quorum;
    }

    @Override
    public String livenessGoal() {
        return "a leader established in an epoch with a quorum of voters synced with it";
    }

    @Override
    public String describePeers(SimState state) {
        StringBuilder sb = new StringBuilder();
        for (SimPeer peer : peers) {
            sb.append(sb.length() > 0 ? " " : "").append(peer.describe());
        }
        return sb.toString();
    }

    // Connections, as the network reports them.

    @Override
    public boolean accepts(int index) {
        return peers[index].session() instanceof LeaderRun run && run.listening();
    }

    @Override
    public void accepted(int index, long connId, int fromIndex) {
        if (peers[index].session() instanceof LeaderRun run) {
            run.accepted(connId, fromIndex);
        } else {
            host.close(index, connId);
        }
    }

    @Override
    public void connected(int index, long connId) {
        if (peers[index].session() instanceof LearnerRun run) {
            run.connected(connId);
        } else {
            host.close(index, connId);
        }
    }

    @Override
    public void received(int index, long connId, byte[] bytes) {
        SessionRun session = peers[index].session();
        if (session instanceof LeaderRun run) {
            run.received(connId, bytes);
        } else if (session instanceof LearnerRun run) {
            run.received(connId, bytes);
        }
    }

    @Override
    public void disconnected(int index, long connId) {
        SessionRun session = peers[index].session();
        if (session instanceof LeaderRun run) {
            run.disconnected(connId);
        } else if (session instanceof LearnerRun run) {
            run.disconnected(connId);
        }
    }

    // Durable writes, each of which may have a crash next to it.

    void persist(SimPeer peer, SessionEffects.Write write, long epoch) {
        CrashPoint point = crashPoint();
        if (point == CrashPoint.BEFORE || point == CrashPoint.TORN) {
            if (point == CrashPoint.TORN && write == SessionEffects.Write.CURRENT_EPOCH) {
                peer.store.interruptCurrentEpochWrite(epoch);
            }
            crash(peer, (point == CrashPoint.TORN ? "while writing " : "before ") + write + " " + epoch);
            return;
        }
        peer.write(write, epoch);
        if (point == CrashPoint.AFTER) {
            crash(peer, "after " + write + " " + epoch);
        }
    }

    void logEpochStart(SimPeer peer, long zxid) {
        CrashPoint point = crashPoint();
        if (point == CrashPoint.BEFORE || point == CrashPoint.TORN) {
            crash(peer, "before logging the epoch start");
            return;
        }
        peer.logEpochStart(zxid);
        if (point == CrashPoint.AFTER) {
            crash(peer, "after logging the epoch start");
        }
    }

    void synced(SimPeer peer, SyncKind kind, long zxid) {
        CrashPoint point = crashPoint();
        if (point == CrashPoint.BEFORE || point == CrashPoint.TORN) {
            crash(peer, "before applying " + kind);
            return;
        }
        peer.synced(kind, zxid);
        if (point == CrashPoint.AFTER) {
            crash(peer, "after applying " + kind);
        }
    }

    private CrashPoint crashPoint() {
        if (settings.writeCrashProbability() == 0 || host.state().phase() != SimPhase.SAFETY
                || host.random().nextDouble() >= settings.writeCrashProbability()) {
            return CrashPoint.NONE;
        }
        return CrashPoint.values()[1 + host.random().nextInt(3)];
    }

    /** A crash next to a write; the peer comes back later unless the liveness phase has begun. */
    private void crash(SimPeer peer, String where) {
        host.trace("n" + peer.sid + " crash " + where);
        host.crash(peer.index);
        long down = host.random().nextLong(MS, Math.max(2 * MS, host.knobs().downtimeMaxNanos()));
        host.schedule(host.now() + down, () -> {
            if (host.state().phase() == SimPhase.SAFETY) {
                host.restart(peer.index);
            }
        });
    }

    // For the runs, the invariants and scenario tests.

    SimHost host() {
        return host;
    }

    QuorumView view() {
        return view;
    }

    SessionSettings settings() {
        return settings;
    }

    PeerLedger ledger() {
        return ledger;
    }

    SimPeer peer(int index) {
        return peers[index];
    }

    int size() {
        return peers.length;
    }

    /** The epoch store of the server with {@code sid}, for scenario tests that corrupt it. */
    public SimEpochStore store(long sid) {
        return peers[(int) sid - 1].store;
    }

    /**
     * Starts a leader session on the server with {@code sid} whatever its election decided (a
     * scenario test's way to put a server in a state no correct peer reaches).
     */
    public void startLeaderSession(long sid) {
        SimPeer peer = peers[(int) sid - 1];
        if (!peer.isUp()) {
            return;
        }
        if (peer.session() != null) {
            peer.session().closeAll();
        }
        Vote self = initialVote(peer.index).withState(ServerState.LEADING);
        startLeaderSession(peer, new Decision(self, ServerState.LEADING));
    }
}
