package io.quorum.peer.sim;

import io.quorum.api.view.QuorumView;
import io.quorum.transport.sim.Invariant;
import io.quorum.transport.sim.SimClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peer-level invariants, checked after every step of a run (each instance belongs to one run
 * and remembers what it has already judged). Together with the kernel's election invariants and
 * its liveness check, whose goal here is a leader established with a quorum synced to it:
 *
 * <ul>
 *   <li>{@value #ONE_LEADER_PER_EPOCH}: at most one leader ever establishes a given epoch (Zab's
 *       Leadership1/2; our leader never establishes one twice either), and a learner synced in an
 *       epoch follows that epoch's leader;
 *   <li>{@value #EPOCHS_NEVER_DECREASE}: a peer's acceptedEpoch and currentEpoch, on disk and in
 *       memory, never go down, crashes included;
 *   <li>{@value #CURRENT_WITHIN_ACCEPTED}: currentEpoch never exceeds acceptedEpoch;
 *   <li>{@value #LEADER_HOLDS_ITS_QUORUM}: an established leader's epoch was acknowledged by a
 *       quorum (ACKEPOCH, then NEWLEADER), and its (currentEpoch, last zxid) was at least as recent
 *       as the history each acknowledger really had;
 *   <li>{@value #OBSERVERS_NEVER_LEAD}: only a voter that may lead ever runs a leader session;
 *   <li>{@value #DATA_DIR_RECOVERS}: whatever a crash left on disk, the peer's start-up recovery
 *       accepts it.
 * </ul>
 */
public final class PeerInvariants {
    public static final String ONE_LEADER_PER_EPOCH = "one-leader-per-epoch";
    public static final String EPOCHS_NEVER_DECREASE = "epochs-never-decrease";
    public static final String CURRENT_WITHIN_ACCEPTED = "current-epoch-within-accepted";
    public static final String LEADER_HOLDS_ITS_QUORUM = "leader-ahead-of-its-quorum";
    public static final String OBSERVERS_NEVER_LEAD = "observers-never-lead";
    public static final String DATA_DIR_RECOVERS = "data-dir-recovers";

    private PeerInvariants() {
    }

    static List<Invariant> all(ZabSessionLayer layer) {
        return List.of(oneLeaderPerEpoch(layer), epochsNeverDecrease(layer), currentWithinAccepted(layer),
                leaderHoldsItsQuorum(layer), observersNeverLead(layer), dataDirRecovers(layer));
    }

    static Invariant oneLeaderPerEpoch(ZabSessionLayer layer) {
        Map<Long, PeerLedger.Establishment> byEpoch = new HashMap<>();
        int[] judged = new int[2];
        return Invariant.afterEachStep(ONE_LEADER_PER_EPOCH, state -> {
            List<PeerLedger.Establishment> all = layer.ledger().establishments();
            for (; judged[0] < all.size(); judged[0]++) {
                PeerLedger.Establishment e = all.get(judged[0]);
                PeerLedger.Establishment earlier = byEpoch.putIfAbsent(e.epoch(), e);
                if (earlier != null) {
                    return Optional.of("epoch " + e.epoch() + " established by n" + e.leader() + " at "
                            + SimClock.format(e.atNanos()) + ", but n" + earlier.leader() + " established it at "
                            + SimClock.format(earlier.atNanos()));
                }
            }
            List<PeerLedger.Following> followings = layer.ledger().followings();
            for (; judged[1] < followings.size(); judged[1]++) {
                PeerLedger.Following f = followings.get(judged[1]);
                PeerLedger.Establishment of = byEpoch.get(f.epoch());
                if (of == null || of.leader() != f.leader()) {
                    return Optional.of("n" + f.learner() + " synced with n" + f.leader() + " in epoch " + f.epoch()
                            + ", which " + (of == null ? "no leader established" : "n" + of.leader() + " established"));
                }
            }
            return Optional.empty();
        });
    }

    static Invariant epochsNeverDecrease(ZabSessionLayer layer) {
        long[][] highest = new long[layer.size()][2];
        return Invariant.afterEachStep(EPOCHS_NEVER_DECREASE, state -> {
            for (int i = 0; i < layer.size(); i++) {
                String broken = rises(highest[i], layer.peer(i));
                if (broken != null) {
                    return Optional.of(broken);
                }
            }
            return Optional.empty();
        });
    }

    /** Disk first, then memory: each value must be at least the highest seen for it so far; null if so. */
    private static String rises(long[] highest, SimPeer peer) {
        String broken = rise(highest, 0, peer, "acceptedEpoch on disk", peer.store.acceptedEpoch());
        if (broken == null) {
            broken = rise(highest, 1, peer, "currentEpoch on disk", peer.store.currentEpoch());
        }
        History live = peer.history();
        if (broken == null && live != null) {
            broken = rise(highest, 0, peer, "acceptedEpoch in memory", live.acceptedEpoch());
        }
        if (broken == null && live != null) {
            broken = rise(highest, 1, peer, "currentEpoch in memory", live.currentEpoch());
        }
        return broken;
    }

    private static String rise(long[] highest, int which, SimPeer peer, String what, long value) {
        if (value < highest[which]) {
            return "n" + peer.sid + " " + what + " went down from " + highest[which] + " to " + value;
        }
        highest[which] = value;
        return null;
    }

    static Invariant currentWithinAccepted(ZabSessionLayer layer) {
        return Invariant.afterEachStep(CURRENT_WITHIN_ACCEPTED, state -> {
            for (int i = 0; i < layer.size(); i++) {
                SimPeer peer = layer.peer(i);
                History live = peer.history();
                if (peer.store.currentEpoch() > peer.store.acceptedEpoch()) {
                    return Optional.of("n" + peer.sid + " has on disk " + peer.store);
                }
                if (live != null && live.currentEpoch() > live.acceptedEpoch()) {
                    return Optional.of("n" + peer.sid + " has in memory " + live);
                }
            }
            return Optional.empty();
        });
    }

    static Invariant leaderHoldsItsQuorum(ZabSessionLayer layer) {
        int[] judged = new int[1];
        return Invariant.afterEachStep(LEADER_HOLDS_ITS_QUORUM, state -> {
            List<PeerLedger.Establishment> all = layer.ledger().establishments();
            for (; judged[0] < all.size(); judged[0]++) {
                Optional<String> broken = judge(layer.view(), all.get(judged[0]));
                if (broken.isPresent()) {
                    return broken;
                }
            }
            return Optional.empty();
        });
    }

    private static Optional<String> judge(QuorumView view, PeerLedger.Establishment e) {
        String who = "n" + e.leader() + " established epoch " + e.epoch();
        Set<Long> epochQuorum = new TreeSet<>(e.epochAckers().keySet());
        epochQuorum.add(e.leader());
        if (!view.verifier().containsQuorum(epochQuorum)) {
            return Optional.of(who + " but only " + epochQuorum + " acknowledged the epoch");
        }
        Set<Long> syncQuorum = new TreeSet<>(e.newLeaderAckers());
        syncQuorum.add(e.leader());
        if (!view.verifier().containsQuorum(syncQuorum)) {
            return Optional.of(who + " but only " + syncQuorum + " acknowledged NEWLEADER");
        }
        for (Map.Entry<Long, History> acker : new java.util.TreeMap<>(e.epochAckers()).entrySet()) {
            if (acker.getValue().isMoreRecentThan(e.leaderAtStart())) {
                return Optional.of(who + " from " + e.leaderAtStart() + ", but n" + acker.getKey()
                        + " acknowledged it with the more recent " + acker.getValue());
            }
        }
        return Optional.empty();
    }

    static Invariant observersNeverLead(ZabSessionLayer layer) {
        return Invariant.afterEachStep(OBSERVERS_NEVER_LEAD, state -> {
            for (int i = 0; i < layer.size(); i++) {
                SimPeer peer = layer.peer(i);
                if (peer.session() instanceof LeaderRun && !layer.view().verifier().mayLead(peer.sid)) {
                    return Optional.of("n" + peer.sid + " (" + peer.learnerType + ") runs a leader session");
                }
            }
            return Optional.empty();
        });
    }

    static Invariant dataDirRecovers(ZabSessionLayer layer) {
        return Invariant.afterEachStep(DATA_DIR_RECOVERS, state -> layer.ledger().recoveryFailures().stream().findFirst());
    }
}
