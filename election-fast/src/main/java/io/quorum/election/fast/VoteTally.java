package io.quorum.election.fast;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.view.QuorumVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts the votes a peer has received: ZooKeeper's {@code recvset} and {@code outofelection}
 * with their termination test and {@code checkLeader}. Pure functions over a vote map.
 */
final class VoteTally {
    private VoteTally() {
    }

    /**
     * Vote equality as ZooKeeper's {@code Vote.equals} (PROTOCOL.md 3.6 step 9): while either side
     * is LOOKING everything but the state must match; between settled voters only the leader
     * (when exactly one side carries a version, the ZOOKEEPER-1732 upgrade case) or the leader and
     * its epoch.
     */
    static boolean matches(Vote a, Vote b) {
        if (a.state() == ServerState.LOOKING || b.state() == ServerState.LOOKING) {
            return a.leader() == b.leader() && a.zxid() == b.zxid()
                    && a.electionEpoch() == b.electionEpoch() && a.peerEpoch() == b.peerEpoch();
        }
        if ((a.version() > 0) != (b.version() > 0)) {
            return a.leader() == b.leader();
        }
        return a.leader() == b.leader() && a.peerEpoch() == b.peerEpoch();
    }

    /** The senders whose recorded vote matches {@code target}. */
    static List<Long> supporters(Map<Long, Vote> votes, Vote target) {
        List<Long> sids = new ArrayList<>();
        votes.forEach((sid, vote) -> {
            if (matches(vote, target)) {
                sids.add(sid);
            }
        });
        return sids;
    }

    /** Whether the votes matching {@code target} form a quorum (the termination test). */
    static boolean hasQuorum(QuorumVerifier verifier, Map<Long, Vote> votes, Vote target) {
        return verifier.containsQuorum(supporters(votes, target));
    }

    /**
     * ZooKeeper's {@code checkLeader}: a peer may only follow another peer it has heard say
     * LEADING itself, and may only lead in the round it is in (ZOOKEEPER-1514: a stale round's
     * FOLLOWING votes must not crown this peer).
     */
    static boolean leaderConfirmed(Map<Long, Vote> votes, long leader, long electionEpoch, long myId, long myRound) {
        if (leader != myId) {
            Vote leaderVote = votes.get(leader);
            return leaderVote != null && leaderVote.state() == ServerState.LEADING;
        }
        return myRound == electionEpoch;
    }
}
