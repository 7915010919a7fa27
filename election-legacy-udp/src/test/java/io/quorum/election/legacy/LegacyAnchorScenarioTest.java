package io.quorum.election.legacy;

import static io.quorum.election.legacy.LegacyNet.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.TestViews;
import io.quorum.api.ServerState;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Destination;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ZooKeeper's own alg 0 tests (research/election-anchors.md), replayed in virtual time:
 * LETest (30 peers, the first leader dies, the rest converge within 15 s) and
 * LENonTerminateTest (ZOOKEEPER-569: a peer votes for itself twice, then dies).
 */
class LegacyAnchorScenarioTest {
    private static final long BOUND = 15_000 * MS;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    /**
     * LETest.testLE: 30 peers with empty histories look for a leader at once. The first peer to
     * decide for itself dies on the spot (its responder too). A peer that decided for someone else
     * waits until some peer has decided for itself; if that is its leader it is done, otherwise it
     * sleeps up to 1 s, votes for itself and looks again. ZooKeeper's test gives 15 s and tolerates
     * the dead leader's own vote; here every surviving peer must follow one live leader, the greatest
     * survivor.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void leTestThirtyPeersConvergeAfterTheFirstLeaderDies(long seed) {
        int count = 30;
        LegacyNet net = new LegacyNet(TestViews.majority(count), seed, 100_000, 2 * MS);
        LeTest test = new LeTest(net);
        List<LegacyNet.Peer> peers = new ArrayList<>();
        for (long sid = 1; sid <= count; sid++) {
            LegacyNet.Peer peer = net.peer(sid, 0, Map.of());
            peer.onDecision(test::decided);
            peers.add(peer);
            net.at(net.random().nextLong(20 * MS), peer::lookForLeader);
        }

        boolean converged = net.runUntil(BOUND, () -> test.done.size() == count - 1);

        assertThat(converged).as("converged within 15 s; trace tail:\n" + tail(net)).isTrue();
        assertThat(test.dead).isEqualTo(count);
        assertThat(test.leader).isEqualTo(count - 1);
        List<Decision> survivors = peers.stream().filter(LegacyNet.Peer::isUp).map(LegacyNet.Peer::decision).toList();
        assertThat(survivors).hasSize(count - 1).extracting(Decision::leader).containsOnly((long) count - 1);
        assertThat(survivors).extracting(Decision::role).containsOnlyOnce(ServerState.LEADING);
    }

    /** LETest's threads, as reactions to each decision. */
    private static final class LeTest {
        private final LegacyNet net;
        private boolean leaderDies = true;
        long leader = -1;
        long dead = -1;
        final Set<Long> done = new HashSet<>();
        private final Set<LegacyNet.Peer> waiting = new LinkedHashSet<>();

        LeTest(LegacyNet net) {
            this.net = net;
        }

        void decided(LegacyNet.Peer peer, Decision decision) {
            if (decision.leader() == peer.sid) {
                if (leaderDies) {
                    leaderDies = false;
                    dead = peer.sid;
                    peer.die();
                    leader = -2;
                } else {
                    leader = peer.sid;
                    done.add(peer.sid);
                }
                List<LegacyNet.Peer> woken = List.copyOf(waiting);
                waiting.clear();
                woken.forEach(this::settleOrRetry);
            } else if (leader == -1) {
                waiting.add(peer);
            } else {
                settleOrRetry(peer);
            }
        }

        private void settleOrRetry(LegacyNet.Peer peer) {
            if (peer.decision().leader() == leader) {
                done.add(peer.sid);
            } else {
                net.at(net.now() + net.random().nextLong(1000 * MS), peer::lookAgain);
            }
        }
    }

    /**
     * LENonTerminateTest.testNonTermination: A (1) and B (2) run; C (3) answers two requests with a
     * vote for itself and a better zxid, then dies. Both finish their first round before either
     * changes its vote (the test's latch; here equal start and latency), so both then vote for C.
     * Without ZOOKEEPER-569 they would keep voting for dead C forever; they must reset to
     * themselves and elect B.
     */
    @Test
    void leNonTerminateTestAVoteForADeadPeerIsDropped() {
        LegacyNet net = new LegacyNet(TestViews.majority(3), 0, 1 * MS, 0);
        int[] answered = new int[1];
        mockC(net, answered);
        LegacyNet.Peer a = net.peer(1, 0, Map.of());
        LegacyNet.Peer b = net.peer(2, 0, Map.of());
        net.at(0, a::lookForLeader);
        net.at(0, b::lookForLeader);

        boolean decided = net.runUntil(BOUND, () -> a.decision() != null && b.decision() != null);

        assertThat(decided).as("both decide within 15 s:\n" + tail(net)).isTrue();
        assertThat(answered[0]).isEqualTo(2);
        assertThat(a.decision().leader()).isEqualTo(2);
        assertThat(a.decision().role()).isEqualTo(ServerState.FOLLOWING);
        assertThat(b.decision().role()).isEqualTo(ServerState.LEADING);
        assertThat(net.trace()).anyMatch(line -> line.contains("n1 round 1:") && line.contains("best 3@0x1"))
                .anyMatch(line -> line.contains("n1 no valid votes: vote for self again"))
                .anyMatch(line -> line.contains("n2 no valid votes: vote for self again"));
    }

    /**
     * The same cast with seeded latencies and starts up to 1.5 s apart, so C's two answers may go
     * to one peer, in one or two of its rounds, and a peer may even follow C before C dies. As a
     * peer's session would, a follower whose leader is not leading 2 s later looks again.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void leNonTerminateWithSkewedStartsStillElectsOneLiveLeader(long seed) {
        LegacyNet net = new LegacyNet(TestViews.majority(3), seed, 100_000, 5 * MS);
        mockC(net, new int[1]);
        LegacyNet.Peer a = net.peer(1, 0, Map.of());
        LegacyNet.Peer b = net.peer(2, 0, Map.of());
        for (LegacyNet.Peer peer : List.of(a, b)) {
            peer.onDecision((p, d) -> {
                if (d.role() == ServerState.FOLLOWING) {
                    net.at(net.now() + 2_000 * MS, () -> {
                        LegacyNet.Peer leader = d.leader() == 1 ? a : d.leader() == 2 ? b : null;
                        boolean leading = leader != null && leader.decision() != null
                                && leader.decision().role() == ServerState.LEADING;
                        if (p.decision() == d && !leading) {
                            p.lookAgain();
                        }
                    });
                }
            });
            net.at(net.random().nextLong(1_500 * MS), peer::lookForLeader);
        }

        boolean agreed = net.runUntil(BOUND, () -> a.decision() != null && b.decision() != null
                && a.decision().leader() == b.decision().leader() && a.decision().leader() != 3);

        assertThat(agreed).as("A and B agree on a live leader within 15 s:\n" + tail(net)).isTrue();
        assertThat(List.of(a.decision().role(), b.decision().role())).containsOnlyOnce(ServerState.LEADING);
    }

    /** C: answers the first two requests with a vote for itself at zxid 1, then is gone. */
    private static void mockC(LegacyNet net, int[] answered) {
        net.station(3, (from, payload) -> {
            if (answered[0] >= 2) {
                return;
            }
            LegacyRequest request = LegacyCodec.decodeRequest(payload).toOptional().orElseThrow();
            answered[0]++;
            net.send(3, Destination.replyTo(from), LegacyCodec.encodeResponse(new LegacyResponse(request.xid(), 3, 3, 1)));
        });
    }

    private static String tail(LegacyNet net) {
        List<String> trace = net.trace();
        return String.join("\n", trace.subList(Math.max(0, trace.size() - 60), trace.size()));
    }
}
