package io.quorum.election.auth;

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
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthFastLeaderElection over real UDP sockets on loopback, driven by the datagram runtime with
 * 3.4.14's timings: every instance on its own election port of 127.0.0.1. For alg 2 this is the
 * set-up in which ZooKeeper 3.4.14 never elects anyone (one host, distinct ports).
 */
class AuthFastSocketTest {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFastSocketTest.class);

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

    static Stream<Arguments> cases() {
        return Stream.of(1, 2).flatMap(alg -> Stream.of(3, 5).map(peers -> Arguments.of(alg, peers)));
    }

    /**
     * The greatest (zxid, sid) leads: the middle sid has the newest zxid, the others' zxids grow
     * with their sid. When the leader's instance shuts down, the survivors look again and elect
     * the greatest of themselves.
     */
    @ParameterizedTest(name = "alg {0}, {1} peers")
    @MethodSource("cases")
    void electsTheGreatestHistoryAndReElectsAfterTheLeaderShutsDown(int alg, int peers) throws Exception {
        long winner = peers / 2 + 1;
        startAll(alg, peers, 0, sid -> sid == winner ? Zxid.of(2, 1) : Zxid.of(1, 100 + sid));

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

        assertThat(second).hasSize(peers - 1);
        assertThat(second.values()).extracting(Decision::leader).containsOnly((long) peers);
        assertThat(second.get((long) peers).role()).isEqualTo(ServerState.LEADING);
        assertThat(second.values()).extracting(Decision::role).containsOnlyOnce(ServerState.LEADING);
        LOG.info("alg {}, {} peers on loopback: elected in {} ms, re-elected without the leader in {} ms", alg, peers,
                (elected - started) / 1_000_000, (reElected - failedOver) / 1_000_000);
    }

    /**
     * After the election the peers keep answering: a 3.4.14-style exchange from a raw socket at a
     * server's address (challenge request first under alg 2) gets the leader's ack, with state
     * LEADING (ordinal 2) and its vote; and an observer that starts late observes the leader,
     * which it learns from the settled peers' acks.
     */
    @ParameterizedTest(name = "alg {0}")
    @ValueSource(ints = {1, 2})
    void settledPeersAckAndALateObserverObserves(int alg) throws Exception {
        QuorumView view = startAll(alg, 3, 2, sid -> Zxid.of(1, sid));
        reportRoles(lookForLeaderEverywhere());

        InetSocketAddress probeAddress = electionAddress(view, 5);
        InetSocketAddress leader = electionAddress(view, 3);
        try (DatagramSocket probe = new DatagramSocket(probeAddress)) {
            probe.setSoTimeout(200);
            long tag = 77;
            long challenge = 0;
            if (alg == 2) {
                send(probe, leader, new AuthMessage.ChallengeRequest(tag, ServerState.LOOKING));
                AuthMessage.Challenge reply = (AuthMessage.Challenge) receive(probe, leader, MessageType.CHALLENGE, tag);
                assertThat(reply.state()).isEqualTo(ServerState.LEADING);
                challenge = reply.challenge();
            }
            send(probe, leader, new AuthMessage.Notification(tag, ServerState.LOOKING, 5, 0, 1, challenge));
            AuthMessage ack = receive(probe, leader, MessageType.ACK, tag);
            assertThat(ack).isEqualTo(new AuthMessage.Ack(tag, ServerState.LEADING, 3, Zxid.of(1, 3), 2));
        }

        start(alg, view, 4, Zxid.of(9, 9));
        Decision observed = callers.submit(elections.get(4L)::lookForLeader).get(30, TimeUnit.SECONDS);
        assertThat(observed.role()).isEqualTo(ServerState.OBSERVING);
        assertThat(observed.leader()).isEqualTo(3);
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, AuthMessage message) throws IOException {
        byte[] bytes = AuthCodec.encode(message);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /**
     * The first message of {@code type} and {@code tag} from {@code from}, skipping whatever else
     * arrives (the peers' deliveries to this address may still be retrying), within 10 s.
     */
    private static AuthMessage receive(DatagramSocket socket, InetSocketAddress from, MessageType type, long tag)
            throws IOException {
        byte[] buffer = new byte[64];
        long deadline = SystemTicker.INSTANCE.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (SystemTicker.INSTANCE.nanoTime() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Optional<AuthMessage> message = AuthCodec.decode(Arrays.copyOf(buffer, packet.getLength())).toOptional();
            if (packet.getSocketAddress().equals(from) && message.isPresent() && message.get().type() == type
                    && message.get().tag() == tag) {
                return message.get();
            }
        }
        throw new AssertionError("no " + type + " with tag " + tag + " from " + from + " within 10 s");
    }

    /**
     * Starts the voters of a fresh loopback view, each with history {@code zxids(sid)}. A port
     * picked free can be taken by another process before the runtime binds it; the whole set-up
     * then starts over on new ports (three tries).
     */
    private QuorumView startAll(int alg, int voters, int observers, java.util.function.LongUnaryOperator zxids)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            QuorumView view = loopbackView(voters, observers);
            try {
                for (long sid = 1; sid <= voters; sid++) {
                    start(alg, view, sid, zxids.applyAsLong(sid));
                }
                return view;
            } catch (java.io.UncheckedIOException e) {
                elections.values().forEach(Election::shutdown);
                elections.clear();
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("could not bind the picked ports ({}); again on new ones", e.getMessage());
            }
        }
    }

    private void start(int alg, QuorumView view, long sid, long zxid) {
        Vote history = Vote.initial(sid, zxid, Zxid.epochOf(zxid));
        PeerElectionContext context = new PeerElectionContext(sid, view, () -> history, Map.of());
        elections.put(sid, ElectionRuntime.startDatagram(AuthFastSimulationTest.provider(alg), context,
                DatagramElectionConfig.defaults().bindingOwnHost()));
    }

    /** What QuorumPeer does after an election: tells it the role it took, so its acks report it. */
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

    private static InetSocketAddress electionAddress(QuorumView view, long sid) {
        return view.server(sid).orElseThrow().electionAddress().orElseThrow().toSocketAddress();
    }

    /**
     * Servers on 127.0.0.1, each with its own quorum and election port, all distinct and free for
     * UDP and TCP, from below the ephemeral range (picking ports one bind-and-close at a time may
     * hand out one twice, and a freed ephemeral port may be anyone's next one).
     */
    private static QuorumView loopbackView(int voters, int observers) {
        List<Integer> ports = LoopbackPorts.forServers(2 * (voters + observers));
        List<QuorumServer> servers = new ArrayList<>();
        for (int i = 0; i < voters + observers; i++) {
            long sid = i + 1;
            servers.add(new QuorumServer(sid, new PeerAddress("127.0.0.1", ports.get(2 * i)),
                    Optional.of(new PeerAddress("127.0.0.1", ports.get(2 * i + 1))), Optional.empty(),
                    sid <= voters ? LearnerType.PARTICIPANT : LearnerType.OBSERVER));
        }
        return QuorumView.majority(servers);
    }
}
