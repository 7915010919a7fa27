package io.quorum.transport.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Election;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The datagram runtime's routing over loopback, with a request/answer core shaped like alg 0:
 * requests go from the ephemeral socket to each voter's quorum port, answers come back from the
 * quorum port to the ephemeral socket, and the sockets outlive each round.
 */
class DatagramRuntimeTest {
    private final List<Election> elections = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopEverything() throws InterruptedException {
        elections.forEach(Election::shutdown);
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("quorum-udp-") || t.getName().startsWith("quorum-election-")));
    }

    @Test
    void requestsLeaveFromTheEphemeralSocketAndAnswersComeBackToIt() throws Exception {
        QuorumView view = loopbackView(3);
        List<PollCore> cores = new ArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            PollProvider provider = new PollProvider();
            elections.add(ElectionRuntime.startDatagram(provider, context(sid, view), DatagramElectionConfig.defaults().bindingOwnHost()));
            cores.add(provider.made);
        }

        for (int call = 0; call < 2; call++) {
            List<Future<Decision>> pending = new ArrayList<>();
            for (Election election : elections) {
                pending.add(callers.submit(election::lookForLeader));
            }
            for (Future<Decision> decision : pending) {
                assertThat(decision.get(10, TimeUnit.SECONDS).leader()).isEqualTo(3);
            }
        }
        for (PollCore core : cores) {
            // Answers came from the responders' quorum ports, so the runtime named their senders...
            assertThat(core.answersBySid).containsOnlyKeys(1L, 2L, 3L);
            core.answersBySid.forEach((sid, claimed) -> assertThat(claimed).isEqualTo(sid));
            // ...while requests came from ephemeral ports no server line names.
            assertThat(core.requestSids).containsOnly(Source.UNKNOWN_SID).hasSizeGreaterThanOrEqualTo(6);
            assertThat(core.requestEndpoints).containsOnly(Endpoint.QUORUM_UDP);
            assertThat(core.answerEndpoints).containsOnly(Endpoint.EPHEMERAL_UDP);
        }
    }

    @Test
    void aRequestToAQuorumPortWhereNothingListensIsReportedUnreachable() {
        QuorumView view = loopbackView(3);
        PollProvider provider = new PollProvider();
        elections.add(ElectionRuntime.startDatagram(provider, context(1, view), DatagramElectionConfig.defaults().bindingOwnHost()));
        Election one = elections.get(0);
        callers.submit(one::lookForLeader);

        // Servers 2 and 3 never started: ICMP port unreachable comes back for each request.
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.made.unreachable.containsAll(List.of(2L, 3L)));
        assertThat(provider.made.unreachable).doesNotContain(1L);
    }

    @Test
    void refusesProvidersThatNeedAStreamAndFreesTheSocketsWhenABindFails() throws Exception {
        QuorumView view = loopbackView(2);
        ElectionProvider tcp = new PollProvider() {
            @Override
            public Set<Endpoint> endpoints() {
                return Set.of(Endpoint.ELECTION_TCP);
            }
        };
        assertThatThrownBy(() -> ElectionRuntime.startDatagram(tcp, context(1, view), DatagramElectionConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ELECTION_TCP");

        int quorumPort = view.server(1).orElseThrow().quorumAddress().port();
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), quorumPort))) {
            assertThatThrownBy(() -> ElectionRuntime.startDatagram(new PollProvider(), context(1, view),
                    DatagramElectionConfig.defaults().bindingOwnHost()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("server 1");
        }
    }

    private static ElectionContext context(long sid, QuorumView view) {
        return new PeerElectionContext(sid, view, () -> Vote.initial(sid, 0, 0), Map.of());
    }

    static QuorumView loopbackView(int peers) {
        // Distinct ports: picking them one at a time may hand out the same one twice.
        List<Integer> ports = LoopbackPorts.forServers(2 * peers);
        List<QuorumServer> servers = new ArrayList<>();
        for (int sid = 1; sid <= peers; sid++) {
            servers.add(QuorumServer.participant(sid, new PeerAddress("127.0.0.1", ports.get(2 * sid - 2)),
                    new PeerAddress("127.0.0.1", ports.get(2 * sid - 1))));
        }
        return QuorumView.majority(servers);
    }

    /** Makes one {@link PollCore} and keeps it for inspection. */
    static class PollProvider implements ElectionProvider {
        volatile PollCore made;

        @Override
        public String name() {
            return "poll";
        }

        @Override
        public Set<Endpoint> endpoints() {
            return Set.of(Endpoint.QUORUM_UDP, Endpoint.EPHEMERAL_UDP);
        }

        @Override
        public ElectionCore newCore(ElectionContext context) {
            made = new PollCore(context);
            return made;
        }
    }

    /**
     * Asks every voter for its id, re-asking every 50 ms, and decides for the greatest id once all
     * have answered. Fields are read by the test after the loop thread wrote them and the
     * decisions were handed over through the runtime's queue.
     */
    static final class PollCore implements ElectionCore {
        private static final TimerKey RETRY = new TimerKey("retry");
        private final ElectionContext context;
        final Map<Long, Long> answersBySid = new TreeMap<>();
        final List<Long> requestSids = new ArrayList<>();
        final List<Endpoint> requestEndpoints = new ArrayList<>();
        final List<Endpoint> answerEndpoints = new ArrayList<>();
        final List<Long> unreachable = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<Long, Long> thisRound = new TreeMap<>();
        private boolean open;

        PollCore(ElectionContext context) {
            this.context = context;
        }

        @Override
        public void start(long now, Outbox out) {
            open = true;
            thisRound.clear();
            ask(now, out);
        }

        private void ask(long now, Outbox out) {
            for (long voter : context.view().votingMembers()) {
                out.send(Destination.peer(voter, Endpoint.QUORUM_UDP), new byte[] {'?'});
            }
            out.setTimer(RETRY, now + 50_000_000L);
        }

        @Override
        public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
            if (payload.remaining() == 1) {
                requestSids.add(from.sid());
                requestEndpoints.add(from.endpoint());
                out.send(Destination.replyTo(from), ByteBuffer.allocate(8).putLong(context.myId()).array());
            } else if (payload.remaining() == 8 && open) {
                answerEndpoints.add(from.endpoint());
                long claimed = payload.getLong();
                answersBySid.put(from.sid(), claimed);
                thisRound.put(claimed, claimed);
                if (thisRound.keySet().containsAll(context.view().votingMembers())) {
                    open = false;
                    out.cancelTimer(RETRY);
                    long leader = ((TreeMap<Long, Long>) thisRound).lastKey();
                    ServerState role = leader == context.myId() ? ServerState.LEADING : ServerState.FOLLOWING;
                    out.decide(Vote.initial(leader, 0, 0).withState(role), role);
                }
            }
        }

        @Override
        public void onTimer(TimerKey key, long now, Outbox out) {
            if (open) {
                ask(now, out);
            }
        }

        @Override
        public void onUnreachable(long sid, long now, Outbox out) {
            unreachable.add(sid);
        }
    }
}
