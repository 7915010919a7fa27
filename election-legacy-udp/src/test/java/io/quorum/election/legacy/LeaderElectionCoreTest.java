package io.quorum.election.legacy;

import static io.quorum.election.legacy.LegacyScript.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.TestViews;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.transport.sim.CoreHarness;
import io.quorum.transport.testing.GoldenVectors;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One LeaderElection core scripted through the scenarios of PROTOCOL.md section 4. */
class LeaderElectionCoreTest {
    private static final long Z1 = Zxid.of(1, 0);

    private static Map<Long, Ballot> votes(long... leaderAndZxidBySid) {
        Map<Long, Ballot> votes = new java.util.TreeMap<>();
        for (int i = 0; i + 2 < leaderAndZxidBySid.length + 1; i += 3) {
            votes.put(leaderAndZxidBySid[i], new Ballot(leaderAndZxidBySid[i + 1], leaderAndZxidBySid[i + 2]));
        }
        return votes;
    }

    @Nested
    class Responder {

        @Test
        void answersAFreshPeersRequestWithTheCapturedBytesOfASelfVote() {
            // le0-response-self-vote: sid 1, LOOKING, voting for itself with zxid 0.
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            GoldenVectors.Vector request = GoldenVectors.load("le0-request.hex");

            CoreHarness.Step step = sid1.harness.deliver(LegacyScript.requester("p"), request.bytes());

            assertThat(step.sends()).singleElement().satisfies(send -> {
                assertThat(send.to()).isEqualTo(Destination.replyTo(LegacyScript.requester("p")));
                assertThat(send.payload()).isEqualTo(GoldenVectors.load("le0-response-self-vote.hex").bytes());
            });
        }

        @Test
        void answersWithTheCapturedBytesInEveryState() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.harness.peerState(ServerState.LOOKING, new Vote(2, 0, 1, 0, ServerState.LOOKING, 0));
            assertReplyMatches(sid1, "le0-response-other-vote.hex");

            sid1.harness.peerState(ServerState.FOLLOWING, new Vote(2, 0, 1, 0, ServerState.FOLLOWING, 0));
            assertReplyMatches(sid1, "le0-response-following.hex");

            LegacyScript sid2 = new LegacyScript(TestViews.majority(3), 2, 0);
            sid2.harness.peerState(ServerState.LEADING, new Vote(2, Zxid.of(1, 0), 1, 1, ServerState.LEADING, 0));
            assertReplyMatches(sid2, "le0-response-leading.hex");
        }

        private void assertReplyMatches(LegacyScript script, String vectorName) {
            byte[] expected = GoldenVectors.load(vectorName).bytes();
            int xid = ByteBuffer.wrap(expected).getInt(0);

            CoreHarness.Step step = script.ask(xid);

            assertThat(step.sends()).singleElement().satisfies(send -> assertThat(send.payload()).isEqualTo(expected));
        }

        @Test
        void aLeaderAnswersWithItsOwnIdWhateverItsVoteSays() {
            LegacyScript sid2 = new LegacyScript(TestViews.majority(3), 2, 0);
            sid2.harness.peerState(ServerState.LEADING, new Vote(3, Z1, 1, 1, ServerState.LEADING, 0));

            assertThat(sid2.answerTo(7)).isEqualTo(new LegacyResponse(7, 2, 2, Z1));
        }

        @Test
        void anObserverAnswersWithItsVoteRatherThanStaleBytes() {
            LegacyScript observer = new LegacyScript(TestViews.majority(3, 1), 4, 0);
            observer.harness.peerState(ServerState.OBSERVING, new Vote(3, Z1, 1, 1, ServerState.OBSERVING, 0));

            assertThat(observer.answerTo(9)).isEqualTo(new LegacyResponse(9, 4, 3, Z1));
        }

        @Test
        void answersWhileItsOwnRoundIsOpenWithTheVoteOfThatRound() {
            LegacyScript sid2 = new LegacyScript(TestViews.majority(3), 2, 5);
            sid2.round(sid2.start(), votes(1, 1, 0, 2, 2, 5, 3, 3, 9), 3);

            assertThat(sid2.core().phase()).isEqualTo(LeaderElection.Phase.SLEEPING);
            assertThat(sid2.answerTo(1)).isEqualTo(new LegacyResponse(1, 2, 3, 9));
        }

        @Test
        void requestsOfAnyLengthButFourAreIgnored() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);

            for (int length : new int[] {0, 1, 3, 5, 28, 36}) {
                CoreHarness.Step step = sid1.harness.deliver(LegacyScript.requester("p"), new byte[length]);
                assertThat(step.sends()).as("length %d", length).isEmpty();
            }
            assertThat(sid1.core().malformedRequests()).isEqualTo(6);
            assertThat(sid1.core().requestsAnswered()).isZero();
        }
    }

    @Nested
    class Requester {

        @Test
        void asksEveryVoterSelfIncludedOneAtATimeInIdOrderWithOneXidPerCall() {
            LegacyScript sid2 = new LegacyScript(TestViews.majority(3), 2, 0);

            CoreHarness.Step step = sid2.start();
            assertThat(sid2.requestedFrom(step)).isEqualTo(1);
            int xid = sid2.xid();
            assertThat(step.timersSet()).containsEntry(LeaderElection.RECEIVE_TIMEOUT, 200 * MS);

            step = sid2.answer(1, 1, 0);
            assertThat(sid2.requestedFrom(step)).isEqualTo(2);
            step = sid2.answer(2, 2, 0);
            assertThat(sid2.requestedFrom(step)).isEqualTo(3);
            step = sid2.answer(3, 3, 0);

            // No quorum for anyone: vote for the best (3); everyone answered, so ask again in 200 ms.
            assertThat(step.sends()).isEmpty();
            assertThat(step.timersSet()).containsEntry(LeaderElection.ROUND_SLEEP, 200 * MS);
            assertThat(sid2.core().currentVote()).isEqualTo(new Ballot(3, 0));

            step = sid2.harness.advance(200 * MS);
            assertThat(sid2.requestedFrom(step)).isEqualTo(1);
            assertThat(sid2.xid()).isEqualTo(xid);
        }

        @Test
        void aServerThatDoesNotAnswerIsSkippedAfter200Ms() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());
            sid1.requestedFrom(sid1.answer(1, 1, 0));

            assertThat(sid1.harness.advance(199 * MS).sends()).isEmpty();
            assertThat(sid1.requestedFrom(sid1.harness.advance(1 * MS))).isEqualTo(3);
        }

        @Test
        void aRefusedRequestEndsThatServersWaitAtOnce() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());
            sid1.requestedFrom(sid1.answer(1, 1, 0));

            // Server 2's quorum port refuses (it is down): server 3 is asked now, not after 200 ms.
            CoreHarness.Step refused = sid1.harness.unreachable(2);
            assertThat(sid1.requestedFrom(refused)).isEqualTo(3);
            assertThat(refused.timersSet()).containsEntry(LeaderElection.RECEIVE_TIMEOUT, 200 * MS);
        }

        @Test
        void aRoundWithARefusalSleeps200MsInsteadOfASecond() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());
            sid1.requestedFrom(sid1.answer(1, 1, 0));
            sid1.requestedFrom(sid1.harness.unreachable(2));

            // Votes for 1 and 3, no quorum: server 2 is not running, so ask again soon.
            CoreHarness.Step counted = sid1.answer(3, 3, 0);
            assertThat(counted.timersSet()).containsEntry(LeaderElection.ROUND_SLEEP, 200 * MS);
            assertThat(sid1.requestedFrom(sid1.harness.advance(200 * MS))).isEqualTo(1);

            // The next round (at 200 ms) hears everyone, still without a quorum: again 200 ms.
            sid1.answer(1, 3, 0);
            sid1.answer(2, 2, 0);
            assertThat(sid1.answer(3, 1, 0).timersSet()).containsEntry(LeaderElection.ROUND_SLEEP, (200 + 200) * MS);
        }

        @Test
        void onlyARoundWithASilentServerSleepsTheSecond() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);

            // 2 neither answers nor refuses: its answer may just be late, so give the votes 3.4.14's second.
            CoreHarness.Step counted = sid1.round(sid1.start(), votes(1, 1, 0, 3, 3, 0), 3);
            assertThat(counted.timersSet()).containsEntry(LeaderElection.ROUND_SLEEP, (200 + 1000) * MS);
            assertThat(sid1.harness.advance(999 * MS).sends()).isEmpty();
            assertThat(sid1.requestedFrom(sid1.harness.advance(1 * MS))).isEqualTo(1);
        }

        @Test
        void aRefusalForAServerNotBeingWaitedForChangesNothing() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());
            sid1.requestedFrom(sid1.answer(1, 1, 0));

            assertThat(sid1.harness.unreachable(3).sends()).isEmpty();
            assertThat(sid1.harness.unreachable(1).sends()).isEmpty();
            // Still waiting for 2, whose answer still counts.
            assertThat(sid1.requestedFrom(sid1.answer(2, 2, 0))).isEqualTo(3);

            // Nor outside a round: the refusal of a request from a round that has ended.
            sid1.answer(3, 3, 0);
            assertThat(sid1.core().phase()).isEqualTo(LeaderElection.Phase.SLEEPING);
            assertThat(sid1.harness.unreachable(3).sends()).isEmpty();
            assertThat(sid1.core().phase()).isEqualTo(LeaderElection.Phase.SLEEPING);
        }

        @Test
        void aLateAnswerStillCountsInItsRoundButDoesNotEndAnotherServersWait() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());
            sid1.requestedFrom(sid1.answer(1, 1, 0));
            assertThat(sid1.requestedFrom(sid1.harness.advance(200 * MS))).isEqualTo(3);

            // Server 2's answer comes while we wait for 3: it is recorded, and we keep waiting for 3.
            CoreHarness.Step late = sid1.answer(2, 3, 0);
            assertThat(late.sends()).isEmpty();
            assertThat(sid1.harness.deadline(LeaderElection.RECEIVE_TIMEOUT)).isPresent();

            CoreHarness.Step last = sid1.answer(3, 3, 0);
            // 2 and 3 vote for 3: a majority, so 1 follows 3 after the 100 ms settle delay.
            assertThat(last.decision()).isEmpty();
            assertThat(sid1.harness.advance(100 * MS).decision()).map(Decision::leader).contains(3L);
        }

        @Test
        void garbageBadXidsImpostorsDuplicatesAndUnaskedAnswersAreDroppedWithoutEndingTheWait() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());
            int xid = sid1.xid();

            assertThat(sid1.harness.deliver(LegacyScript.responder(1), new byte[27]).sends()).isEmpty();
            assertThat(sid1.answer(1, xid + 1, 1, 0).sends()).isEmpty();
            assertThat(sid1.harness.deliver(LegacyScript.responder(1),
                    LegacyCodec.encodeResponse(new LegacyResponse(xid, 2, 2, 0))).sends()).as("claims to be 2").isEmpty();
            assertThat(sid1.answer(3, 3, 0).sends()).as("not asked yet").isEmpty();
            assertThat(sid1.core().droppedResponses()).isEqualTo(4);

            assertThat(sid1.requestedFrom(sid1.answer(1, 1, 0))).isEqualTo(2);
            assertThat(sid1.answer(1, 2, 0).sends()).as("second answer of 1").isEmpty();
            assertThat(sid1.core().droppedResponses()).isEqualTo(5);
        }

        @Test
        void answersOutsideARoundAreDropped() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.round(sid1.start(), votes(1, 1, 0, 2, 2, 0, 3, 3, 0), 3);
            assertThat(sid1.core().phase()).isEqualTo(LeaderElection.Phase.SLEEPING);

            sid1.answer(2, 3, 0);
            CoreHarness.Step next = sid1.harness.advance(200 * MS);
            sid1.requestedFrom(next);

            assertThat(sid1.core().droppedResponses()).isEqualTo(1);
        }

        @Test
        void aMajorityForItselfMakesALeaderAtOnce() {
            LegacyScript sid3 = new LegacyScript(TestViews.majority(3), 3, Z1);

            CoreHarness.Step last = sid3.round(sid3.start(), votes(1, 3, Z1, 2, 3, Z1, 3, 3, Z1), 3);

            assertThat(last.decision()).hasValueSatisfying(d -> {
                assertThat(d.role()).isEqualTo(ServerState.LEADING);
                assertThat(d.vote()).isEqualTo(new Vote(3, Z1, 1, 1, ServerState.LEADING, 0));
            });
            assertThat(sid3.answerTo(5)).isEqualTo(new LegacyResponse(5, 3, 3, Z1));
        }

        @Test
        void aFollowerAnswersAsFollowingDuringThe100MsBeforeItsDecision() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);

            CoreHarness.Step last = sid1.round(sid1.start(), votes(1, 3, Z1, 2, 3, Z1, 3, 3, Z1), 3);

            assertThat(last.decision()).isEmpty();
            assertThat(last.timersSet()).containsEntry(LeaderElection.SETTLE_DELAY, sid1.harness.now() + 100 * MS);
            assertThat(sid1.core().state()).isEqualTo(ServerState.FOLLOWING);
            assertThat(sid1.answerTo(4)).isEqualTo(new LegacyResponse(4, 1, 3, Z1));
            assertThat(sid1.harness.advance(100 * MS).decision()).hasValueSatisfying(d -> {
                assertThat(d.role()).isEqualTo(ServerState.FOLLOWING);
                assertThat(d.vote().leader()).isEqualTo(3);
                assertThat(d.vote().peerEpoch()).isEqualTo(-1);
            });
        }

        @Test
        void countsOnlyVotesForServersHeardFromAndVotesForSelfWhenNoneIsValid() {
            // LENonTerminateTest (ZOOKEEPER-569): 3 answers once for itself with a better zxid, then dies.
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.round(sid1.start(), votes(1, 1, 0, 2, 2, 0, 3, 3, 1), 3);
            assertThat(sid1.core().currentVote()).isEqualTo(new Ballot(3, 1));

            // 1 and 2 now vote for 3, which no longer answers: no valid vote at all.
            CoreHarness.Step last = sid1.round(sid1.harness.advance(200 * MS), votes(1, 3, 1, 2, 3, 1), 3);
            assertThat(last.decision()).isEmpty();
            assertThat(sid1.core().currentVote()).isEqualTo(new Ballot(1, 0));
            assertThat(sid1.harness.trace()).contains("no valid votes: vote for self again");

            sid1.round(sid1.harness.advance(1000 * MS), votes(1, 1, 0, 2, 2, 0), 3);
            assertThat(sid1.core().currentVote()).isEqualTo(new Ballot(2, 0));
            last = sid1.round(sid1.harness.advance(1000 * MS), votes(1, 2, 0, 2, 2, 0), 3);
            assertThat(sid1.harness.advance(100 * MS).decision()).map(Decision::leader).contains(2L);
        }

        @Test
        void aLateJoinerFollowsTheEstablishedLeaderAndRaisesItsZxid() {
            // Capture a34_alg0_late: sid 3 polls 1 (FOLLOWING 2, zxid 0) and 2 (LEADING, lastProposed 1:0).
            LegacyScript sid3 = new LegacyScript(TestViews.majority(3), 3, Zxid.of(0, 7));

            sid3.round(sid3.start(), votes(1, 2, 0, 2, 2, Z1, 3, 3, Zxid.of(0, 7)), 3);

            assertThat(sid3.harness.trace()).anyMatch(line -> line.contains("most voted 2@" + Zxid.toHex(Z1) + " by [1, 2]"));
            assertThat(sid3.harness.advance(100 * MS).decision()).hasValueSatisfying(d -> {
                assertThat(d.role()).isEqualTo(ServerState.FOLLOWING);
                assertThat(d.vote().leader()).isEqualTo(2);
                assertThat(d.vote().zxid()).isEqualTo(Z1);
            });
        }

        @Test
        void anObserverAsksOnlyVotersAndObserves() {
            LegacyScript observer = new LegacyScript(TestViews.majority(3, 1), 4, Zxid.of(5, 0));

            CoreHarness.Step last = observer.round(observer.start(), votes(1, 3, 0, 2, 3, 0, 3, 3, 0), 3);

            assertThat(last.sends()).isEmpty();
            assertThat(observer.harness.advance(100 * MS).decision()).hasValueSatisfying(d -> {
                assertThat(d.role()).isEqualTo(ServerState.OBSERVING);
                assertThat(d.leader()).isEqualTo(3);
            });
        }

        @Test
        void votesForAServerThatMayNotLeadAreNotValid() {
            LegacyScript sid1 = new LegacyScript(TestViews.zeroWeightThird(), 1, 0);

            sid1.round(sid1.start(), votes(1, 3, Z1, 2, 3, Z1, 3, 3, Z1), 3);

            assertThat(sid1.core().currentVote()).isEqualTo(new Ballot(1, 0));
            assertThat(sid1.harness.lastDecision()).isEmpty();
        }

        @Test
        void takingARoleOutsideTheElectionEndsTheCallUndecided() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.requestedFrom(sid1.start());

            CoreHarness.Step step = sid1.harness.peerState(ServerState.FOLLOWING, new Vote(2, 0, 1, 0, ServerState.FOLLOWING, 0));

            assertThat(step.timersCancelled()).contains(LeaderElection.RECEIVE_TIMEOUT);
            assertThat(sid1.harness.pendingTimers()).isEmpty();
            assertThat(sid1.core().phase()).isEqualTo(LeaderElection.Phase.IDLE);
            assertThat(sid1.answerTo(3)).isEqualTo(new LegacyResponse(3, 1, 2, 0));
        }

        @Test
        void aNewCallStartsOverWithAFreshXidAndASelfVote() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);
            sid1.round(sid1.start(), votes(1, 1, 0, 2, 2, 0, 3, 3, 0), 3);
            int firstXid = sid1.xid();

            CoreHarness.Step again = sid1.harness.start();

            assertThat(sid1.requestedFrom(again)).isEqualTo(1);
            assertThat(sid1.xid()).isNotEqualTo(firstXid);
            assertThat(sid1.core().currentVote()).isEqualTo(new Ballot(1, 0));
            assertThat(again.timersCancelled()).contains(LeaderElection.ROUND_SLEEP);
        }

        @Test
        void messagesOnEndpointsAlg0DoesNotUseAreIgnored() {
            LegacyScript sid1 = new LegacyScript(TestViews.majority(3), 1, 0);

            CoreHarness.Step step = sid1.harness.deliver(new io.quorum.api.election.Source(2, Endpoint.ELECTION_UDP, "x"),
                    LegacyCodec.encodeRequest(new LegacyRequest(1)));

            assertThat(step.sends()).isEmpty();
        }
    }
}
