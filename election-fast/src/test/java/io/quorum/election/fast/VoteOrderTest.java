package io.quorum.election.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.Zxid;
import io.quorum.api.view.QuorumVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper's FLEPredicateTest (ZOOKEEPER-1419): {@code totalOrderPredicate} is a strict
 * lexicographic order on (peerEpoch, zxid, sid), and a zero-weight id never wins (PROTOCOL.md 3.5).
 */
class VoteOrderTest {
    private static final QuorumVerifier MAJORITY = FleScript.voters(1, 2, 3).verifier();

    private static boolean beats(Proposal candidate, Proposal current) {
        return VoteOrder.beats(MAJORITY, candidate, current);
    }

    /** FLEPredicateTest: the lower peerEpoch loses even with a higher zxid and a higher sid. */
    @Test
    void lowerPeerEpochLosesEvenWithHigherZxidAndSid() {
        Proposal oldEpochButLongHistory = new Proposal(3, Zxid.of(1, 50), 1);
        Proposal newEpoch = new Proposal(1, Zxid.of(2, 0), 2);

        assertThat(beats(oldEpochButLongHistory, newEpoch)).isFalse();
        assertThat(beats(newEpoch, oldEpochButLongHistory)).isTrue();
    }

    /**
     * ZOOKEEPER-1419: the old predicate {@code (e>) || (e== && z>) || (z== && id>)} let a higher sid
     * win on an equal zxid across different epochs, so a 5-node ensemble never settled.
     */
    @Test
    void equalZxidDoesNotLetAHigherSidWinAcrossEpochs() {
        Proposal higherSidLowerEpoch = new Proposal(3, 5, 1);
        Proposal lowerSidHigherEpoch = new Proposal(1, 5, 2);

        assertThat(beats(higherSidLowerEpoch, lowerSidHigherEpoch)).isFalse();
        assertThat(beats(lowerSidHigherEpoch, higherSidLowerEpoch)).isTrue();
    }

    @Test
    void higherEpochWinsWhateverTheZxidAndSid() {
        assertThat(beats(new Proposal(1, 0, 3), new Proposal(3, Zxid.of(2, 99), 2))).isTrue();
    }

    @Test
    void sameEpochHigherZxidWins() {
        assertThat(beats(new Proposal(1, Zxid.of(2, 8), 2), new Proposal(3, Zxid.of(2, 7), 2))).isTrue();
        assertThat(beats(new Proposal(3, Zxid.of(2, 7), 2), new Proposal(1, Zxid.of(2, 8), 2))).isFalse();
    }

    @Test
    void sameEpochAndZxidHigherSidWins() {
        assertThat(beats(new Proposal(3, 7, 2), new Proposal(2, 7, 2))).isTrue();
        assertThat(beats(new Proposal(2, 7, 2), new Proposal(3, 7, 2))).isFalse();
    }

    @Test
    void aVoteNeverBeatsItself() {
        Proposal p = new Proposal(2, 7, 2);

        assertThat(beats(p, p)).isFalse();
    }

    /** zxids and epochs compare as signed longs: the observer vote (Long.MIN_VALUE) loses to a fresh peer. */
    @Test
    void comparisonIsSignedSoTheNonVoterVoteAlwaysLoses() {
        Proposal fresh = new Proposal(1, Zxid.ZERO, 0);

        assertThat(beats(fresh, Proposal.NON_VOTER)).isTrue();
        assertThat(beats(Proposal.NON_VOTER, fresh)).isFalse();
    }

    /** FLEZeroWeightTest (ZOOKEEPER-491): a zero-weight id never wins, however good its history. */
    @Test
    void zeroWeightNeverWinsInHierarchicalQuorums() {
        QuorumVerifier hierarchical = FleScript.zeroWeightView().verifier();
        Proposal zeroWeightBest = new Proposal(9, Zxid.of(9, 9), 9);
        Proposal weighted = new Proposal(1, 0, 0);

        assertThat(VoteOrder.beats(hierarchical, zeroWeightBest, weighted)).isFalse();
        assertThat(VoteOrder.beats(hierarchical, weighted, zeroWeightBest)).isFalse();
        assertThat(VoteOrder.beats(hierarchical, new Proposal(2, 0, 10), zeroWeightBest)).isTrue();
    }

    /** Among weighted ids the predicate is a strict total order: exactly one direction holds for distinct votes. */
    @Test
    void isAStrictTotalOrderOverASmallGrid() {
        List<Proposal> grid = new ArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            for (long epoch = -1; epoch <= 1; epoch++) {
                for (long zxid = -1; zxid <= 1; zxid++) {
                    grid.add(new Proposal(sid, zxid, epoch));
                }
            }
        }
        for (Proposal a : grid) {
            for (Proposal b : grid) {
                int directions = (beats(a, b) ? 1 : 0) + (beats(b, a) ? 1 : 0);
                assertThat(directions).as("%s vs %s", a, b).isEqualTo(a.equals(b) ? 0 : 1);
            }
        }
    }
}
