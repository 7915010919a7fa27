package io.quorum.peer.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history of a run that the peer invariants judge: every establishment of an epoch (by a
 * leader, with who acknowledged it and how recent each acknowledger was), every learner that
 * synced, the history each learner had when it acknowledged an epoch, and recoveries that failed.
 */
final class PeerLedger {

    /**
     * A leader established {@code epoch}.
     *
     * @param leaderAtStart the leader's history when it started leading (what its election won with)
     * @param epochAckers voters whose ACKEPOCH of the new epoch arrived before the epoch quorum,
     *     with the history they really had when they sent it
     * @param newLeaderAckers voters whose ACK of NEWLEADER arrived before establishment
     */
    record Establishment(long epoch, long leader, long atNanos, History leaderAtStart, Map<Long, History> epochAckers,
            Set<Long> newLeaderAckers) {
    }

    /** A learner synced with {@code leader} in {@code epoch}. */
    record Following(long epoch, long learner, long leader, long atNanos) {
    }

    private final List<Establishment> establishments = new ArrayList<>();
    private final List<Following> followings = new ArrayList<>();
    private final Map<Long, History> ackEpochHistories = new HashMap<>();
    private final List<String> recoveryFailures = new ArrayList<>();

    void leaderEstablished(Establishment e) {
        establishments.add(e);
    }

    void learnerEstablished(Following f) {
        followings.add(f);
    }

    /** A learner sent ACKEPOCH on connection {@code connId} with this history. */
    void ackEpochSent(long connId, History history) {
        ackEpochHistories.put(connId, history);
    }

    History ackEpochHistory(long connId) {
        return ackEpochHistories.get(connId);
    }

    void recoveryFailed(String what) {
        recoveryFailures.add(what);
    }

    List<Establishment> establishments() {
        return establishments;
    }

    List<Following> followings() {
        return followings;
    }

    List<String> recoveryFailures() {
        return recoveryFailures;
    }
}
