package io.quorum.election.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.TestViews;
import io.quorum.api.view.QuorumVerifier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 3.4.14's countVotes, with the verifier consulted. */
class VoteCountTest {
    private static final QuorumVerifier FIVE = TestViews.majority(5).verifier();

    @Test
    void withoutAnswersThereIsNothingValid() {
        VoteCount.Result result = VoteCount.count(Map.of(), Set.of(), FIVE);

        assertThat(result.validVotes()).isZero();
        assertThat(result.best()).isEmpty();
        assertThat(result.quorum()).isFalse();
    }

    @Test
    void votesForServersNotHeardFromAreNotValid() {
        // ZOOKEEPER-569: everyone votes for 5, which did not answer.
        VoteCount.Result result = VoteCount.count(
                Map.of(1L, new Ballot(5, 9), 2L, new Ballot(5, 9), 3L, new Ballot(5, 9)), Set.of(1L, 2L, 3L), FIVE);

        assertThat(result.validVotes()).isZero();
    }

    @Test
    void theBestVoteIsTheGreatestZxidThenTheGreatestIdNeverAnEpoch() {
        VoteCount.Result result = VoteCount.count(
                Map.of(1L, new Ballot(1, 7), 2L, new Ballot(2, 9), 4L, new Ballot(4, 9)), Set.of(1L, 2L, 4L), FIVE);

        assertThat(result.best()).contains(new Ballot(4, 9));
        assertThat(result.quorum()).isFalse();
    }

    @Test
    void votesForOneServerTallyTogetherAtTheLargestZxidSeenForIt() {
        // A follower reports its own last zxid, the leader its lastProposed: they still count as one.
        VoteCount.Result result = VoteCount.count(
                Map.of(1L, new Ballot(2, 3), 2L, new Ballot(2, 8), 3L, new Ballot(2, 5), 4L, new Ballot(4, 9)),
                Set.of(1L, 2L, 3L, 4L), FIVE);

        assertThat(result.mostVoted()).contains(new Ballot(2, 8));
        assertThat(result.supporters()).containsExactly(1L, 2L, 3L);
        assertThat(result.quorum()).isTrue();
        assertThat(result.best()).contains(new Ballot(4, 9));
    }

    @Test
    void aMajorityOfHeadsIsNeededWithAMajorityView() {
        VoteCount.Result two = VoteCount.count(Map.of(1L, new Ballot(3, 0), 3L, new Ballot(3, 0)), Set.of(1L, 3L), FIVE);
        VoteCount.Result three = VoteCount.count(
                Map.of(1L, new Ballot(3, 0), 2L, new Ballot(3, 0), 3L, new Ballot(3, 0)), Set.of(1L, 2L, 3L), FIVE);

        assertThat(two.quorum()).isFalse();
        assertThat(three.quorum()).isTrue();
    }

    @Test
    void aServerThatMayNotLeadGetsNoValidVotesAndItsOwnVoteCountsForNothing() {
        QuorumVerifier zeroThird = TestViews.zeroWeightThird().verifier();

        VoteCount.Result forThree = VoteCount.count(
                Map.of(1L, new Ballot(3, 9), 2L, new Ballot(3, 9), 3L, new Ballot(3, 9)), Set.of(1L, 2L, 3L), zeroThird);
        VoteCount.Result withThree = VoteCount.count(
                Map.of(1L, new Ballot(1, 0), 3L, new Ballot(1, 0)), Set.of(1L, 3L), zeroThird);

        assertThat(forThree.validVotes()).isZero();
        // 3 weighs nothing: 1 and 3 are a head majority but not a quorum.
        assertThat(withThree.quorum()).isFalse();
    }
}
