package io.quorum.election.auth;

import io.quorum.api.view.QuorumVerifier;

/**
 * 3.4.14's {@code totalOrderPredicate} for alg 1/2 (PROTOCOL.md 5.3 item 8): a higher zxid wins,
 * then a higher id; there are no epochs.
 *
 * <p>Deviation: 3.4.14 consults no weights, so it would elect a zero-weight voter, or an observer
 * whose history is newest, and no quorum could follow it. Here a vote for a server that may not
 * lead (not a voter, or a voter of weight 0) never wins, and any vote for a server that may lead
 * beats one for a server that may not (so a zero-weight voter, which starts by proposing itself,
 * adopts the best vote it hears like everyone else).
 */
final class BallotOrder {
    private BallotOrder() {
    }

    static boolean beats(QuorumVerifier verifier, Ballot candidate, Ballot current) {
        if (!verifier.mayLead(candidate.leader())) {
            return false;
        }
        if (!verifier.mayLead(current.leader())) {
            return true;
        }
        if (candidate.zxid() != current.zxid()) {
            return candidate.zxid() > current.zxid();
        }
        return candidate.leader() > current.leader();
    }
}
