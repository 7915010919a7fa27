package io.quorum.election.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.runtime.DatagramElectionConfig;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.transport.runtime.SystemTicker;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LeaderElection over real UDP sockets on loopback, driven by the datagram runtime with 3.4.14's
 * timings and its wildcard binding: every instance's responder on its quorum port (no election
 * port configured), its requester on an ephemeral port.
 */
class LeaderElectionSocketTest {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionSocketTest.class);

    private final Map<Long, Election> elections = new TreeMap<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopEverything() throws InterruptedException {
        elections.values().forEach(Election::shutdown);
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && (t.getName().startsWith("quorum-udp-") || t.getName().startsWith("quorum-election-")));
    }

    /**
     * The greatest (zxid, sid) leads: the middle sid has the newest zxid, the others' zxids grow
     * with their sid. When the leader's instance shuts down (LETest's dying leader), the survivors
     * look again and elect the greatest of themselves.
     */
    @ParameterizedTest(name = "{0} peers")
    @ValueSource(ints = {3, 5})
    void electsTheGreatestHistoryAndReElectsAfterTheLeaderShutsDown(int peers) throws Exception {
        QuorumView view = loopbackView(peers, 0);
        long winner = peers / 2 + 1;
        for (long sid = 1; sid <= peers; sid++) {
            start(view, sid, sid == winner ? Zxid.of(2, 1) : Zxid.of(1, 100 + sid));
        }

        long started = SystemTicker.INSTANCE.nanoTime();
        Map<Long, Decision> first = lookForLeaderEverywhere();
        long elected = SystemTicker.INSTANCE.nanoTime();
        assertThat(first.values()).extracting(Decision::leader).containsOnly(winner);
        assertThat(first.get(winner).role()).isEqualTo(ServerState.LEADING);
        assertThat(first.values()).extracting(Decision::role).containsOnlyOnce(ServerState.LEADING);
        reportRoles(first);

        elections.remove(winner).shutdown();
        long failedOver = SystemTicker.INSTANCE.nanoTime();
        Map<Long, Decision> second = lookForLeaderEverywhere();
        long reElected = SystemTicker.INSTANCE.nanoTime();

        assertThat(second.values()).extracting(Decision::leader).containsOnly((long) peers);
        assertThat(second.get((long) peers).role()).isEqualTo(ServerState.LEADING);
        assertThat(second).hasSize(peers - 1);
        LOG.info("alg 0, {} peers on loopback: elected in {} ms, re-elected without the leader in {} ms", peers,
                (elected - started) / 1_000_000, (reElected - failedOver) / 1_000_000);
    }

    /**
     * The responder answers for the election's whole life: after the round, a raw 3.4.14-style
     * request to the quorum port gets the leader's and the followers' answers (capture
     * a34_alg0_late), and an observer that joins late observes the established leader.
     */
    @Test
    void respondersKeepAnsweringWhileTheirPeersLeadAndFollow() throws Exception {
        QuorumView view = loopbackView(3, 1);
        for (long sid = 1; sid <= 3; sid++) {
            start(view, sid, Zxid.of(1, sid));
        }
        reportRoles(lookForLeaderEverywhere());
        // The leader reports its lastProposed once its epoch starts, as QuorumPeer would.
        elections.get(3L).peerState(ServerState.LEADING, new Vote(3, Zxid.of(2, 0), 1, 2, ServerState.LEADING, 0));

        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            probe.setSoTimeout(5_000);
            assertThat(ask(probe, view, 3, 0x0bad_cafe)).isEqualTo(new LegacyResponse(0x0bad_cafe, 3, 3, Zxid.of(2, 0)));
            assertThat(ask(probe, view, 1, 7)).isEqualTo(new LegacyResponse(7, 1, 3, Zxid.of(1, 3)));
        }

        start(view, 4, Zxid.of(9, 9));
        Decision observed = callers.submit(elections.get(4L)::lookForLeader).get(30, TimeUnit.SECONDS);
        assertThat(observed.role()).isEqualTo(ServerState.OBSERVING);
        assertThat(observed.leader()).isEqualTo(3);
    }

    /**
     * LETest at 5 peers on real sockets: every peer looks at once; the first to decide for itself
     * shuts its election down on the spot (responder included). A peer that decided for another
     * waits until some peer has decided for itself, and is done if that is its leader; otherwise it
     * looks again (LETest sleeps up to 1 s first; the requester's own 1 s rounds spread the
     * retries here). The survivors must all follow one live leader.
     */
    @Test
    void leTestStyleTheFirstLeaderDiesAndTheRestConverge() throws Exception {
        int peers = 5;
        QuorumView view = loopbackView(peers, 0);
        for (long sid = 1; sid <= peers; sid++) {
            start(view, sid, 0);
        }
        LeTestBoard board = new LeTestBoard();
        Map<Long, Future<Decision>> threads = new TreeMap<>();
        for (long sid = 1; sid <= peers; sid++) {
            long me = sid;
            Election election = elections.get(sid);
            threads.put(sid, callers.submit(() -> board.run(me, election)));
        }

        Map<Long, Decision> finals = new TreeMap<>();
        for (Map.Entry<Long, Future<Decision>> thread : threads.entrySet()) {
            finals.put(thread.getKey(), thread.getValue().get(30, TimeUnit.SECONDS));
        }

        long dead = board.dead();
        assertThat(dead).isEqualTo(peers);
        finals.remove(dead);
        // LETest asks for agreement on a live leader, not for a particular one: on real sockets a
        // round may miss a slow answer and settle on a lower sid, which is as good.
        long leader = finals.values().iterator().next().leader();
        assertThat(leader).isNotEqualTo(dead);
        assertThat(finals.values()).extracting(Decision::leader).containsOnly(leader);
        assertThat(finals.values()).extracting(Decision::role).containsOnlyOnce(ServerState.LEADING);
    }

    /** LETest's shared state: who leads, and whether the first leader must still die. */
    private final class LeTestBoard {
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private final java.util.concurrent.locks.Condition changed = lock.newCondition();
        private boolean leaderDies = true;
        private long leader = -1;
        private long dead = -1;

        Decision run(long me, Election election) throws InterruptedException {
            while (true) {
                Decision decision = election.lookForLeader();
                lock.lock();
                try {
                    if (decision.leader() == me) {
                        if (leaderDies) {
                            leaderDies = false;
                            dead = me;
                            election.shutdown();
                            leader = -2;
                        } else {
                            leader = me;
                        }
                        changed.signalAll();
                        return decision;
                    }
                    while (leader == -1) {
                        changed.await();
                    }
                    if (leader == decision.leader()) {
                        return decision;
                    }
                } finally {
                    lock.unlock();
                }
                election.peerState(ServerState.LOOKING, Vote.initial(me, 0, 0));
            }
        }

        long dead() {
            lock.lock();
            try {
                return dead;
            } finally {
                lock.unlock();
            }
        }
    }

    private static LegacyResponse ask(DatagramSocket probe, QuorumView view, long sid, int xid) throws IOException {
        byte[] request = LegacyCodec.encodeRequest(new LegacyRequest(xid));
        probe.send(new DatagramPacket(request, request.length, view.server(sid).orElseThrow().quorumAddress().toSocketAddress()));
        byte[] buffer = new byte[64];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        probe.receive(answer);
        assertThat(answer.getLength()).isEqualTo(LegacyCodec.RESPONSE_LENGTH);
        return LegacyCodec.decodeResponse(java.util.Arrays.copyOf(buffer, answer.getLength())).toOptional().orElseThrow();
    }

    private void start(QuorumView view, long sid, long zxid) {
        Vote history = Vote.initial(sid, zxid, Zxid.epochOf(zxid));
        PeerElectionContext context = new PeerElectionContext(sid, view, () -> history, Map.of());
        elections.put(sid, ElectionRuntime.startDatagram(new LeaderElectionProvider(), context, DatagramElectionConfig.defaults()));
    }

    /** What QuorumPeer does after an election: tells it the role it took, so its responder reports it. */
    private void reportRoles(Map<Long, Decision> decisions) {
        decisions.forEach((sid, d) -> elections.get(sid).peerState(d.role(), d.vote()));
    }

    private Map<Long, Decision> lookForLeaderEverywhere() throws Exception {
        Map<Long, Future<Decision>> pending = new TreeMap<>();
        elections.forEach((sid, election) -> pending.put(sid, callers.submit(election::lookForLeader)));
        Map<Long, Decision> decisions = new TreeMap<>();
        for (Map.Entry<Long, Future<Decision>> e : pending.entrySet()) {
            decisions.put(e.getKey(), e.getValue().get(30, TimeUnit.SECONDS));
        }
        return decisions;
    }

    /** Servers with a free UDP quorum port on 127.0.0.1 and no election port (alg 0 needs none). */
    private static QuorumView loopbackView(int voters, int observers) throws IOException {
        List<QuorumServer> servers = new ArrayList<>();
        for (long sid = 1; sid <= voters + observers; sid++) {
            servers.add(new QuorumServer(sid, new PeerAddress("127.0.0.1", freeUdpPort()), Optional.empty(), Optional.empty(),
                    sid <= voters ? LearnerType.PARTICIPANT : LearnerType.OBSERVER));
        }
        return QuorumView.majority(servers);
    }

    /** A port free on the wildcard address, where the runtime binds as ZooKeeper does. */
    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
