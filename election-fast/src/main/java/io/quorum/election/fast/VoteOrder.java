package io.quorum.election.fast;

import io.quorum.api.view.QuorumVerifier;

/**
 * ZooKeeper's {@code totalOrderPredicate} (PROTOCOL.md 3.5): whether a proposed vote beats the
 * current one. Zero-weight ids never win; otherwise (peerEpoch, zxid, sid) compare
 * lexicographically as signed longs. Comparing zxids before epochs was ZOOKEEPER-1419's bug.
 */
final class VoteOrder {
    private VoteOrder() {
    }

    static boolean beats(QuorumVerifier verifier, Proposal candidate, Proposal current) {
        if (verifier.weight(candidate.leader()) == 0) {
            return false;
        }
        if (candidate.peerEpoch() != current.peerEpoch()) {
            return candidate.peerEpoch() > current.peerEpoch();
        }
        if (candidate.zxid() != current.zxid()) {
            return candidate.zxid() > current.zxid();
        }
        return candidate.leader() > current.leader();
    }
}
